package io.cloudpro.identity.service;

import io.cloudpro.identity.security.OpaqueTokens;

import java.util.Locale;

/** E-mail addresses as the service stores and compares them. */
public final class Emails {

    private Emails() {
    }

    /** Trimmed and lower-case: one login per mailbox, however it is typed. */
    public static String normalise(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }

    /** What the login history keeps for an address: its hash, so unknown addresses leave no trace. */
    public static String hash(String email) {
        return OpaqueTokens.hash(normalise(email));
    }
}
