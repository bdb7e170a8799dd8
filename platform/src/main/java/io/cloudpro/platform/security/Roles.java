package io.cloudpro.platform.security;

/**
 * The platform's roles, as they appear in the access token's {@code groups} claim. Every JAX-RS
 * endpoint names the roles it admits ({@code @RolesAllowed}) or is declared public
 * ({@code @PermitAll}); one that does neither is denied.
 */
public final class Roles {

    /** A customer (account owner or member): reaches only their own data. */
    public static final String CUSTOMER = "customer";
    /** Customer support staff. */
    public static final String SUPPORT = "support";
    /** Handles data-subject requests, complaints and the disclosure register. */
    public static final String PRIVACY_OFFICER = "privacy-officer";
    /** Reviews job applications. */
    public static final String RECRUITER = "recruiter";
    /** Manages staff and operates the platform. */
    public static final String ADMIN = "admin";
    /** Another service of the platform, with a token of its own (client credentials at identity-service). */
    public static final String SERVICE = "service";

    private Roles() {
    }
}
