package io.cloudpro.identity.rest;

import io.cloudpro.identity.domain.Account;
import io.cloudpro.identity.domain.AccountAccess;
import io.cloudpro.identity.domain.Credential;
import io.cloudpro.identity.repository.CredentialRepository;
import io.cloudpro.identity.security.CurrentLogin;
import io.cloudpro.identity.service.AccountService;
import io.cloudpro.identity.service.SupportService;
import io.cloudpro.platform.rest.Page;
import io.cloudpro.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Support staff find, view, lock and unlock customer accounts - always with a reason, always recorded. */
@Path("/api/v1/support/accounts")
@Tag(name = "Support", description = "Customer accounts for support staff; every access is recorded")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SupportResource {

    private final SupportService support;
    private final CurrentLogin currentLogin;
    private final CredentialRepository credentials;

    SupportResource(SupportService support, CurrentLogin currentLogin, CredentialRepository credentials) {
        this.support = support;
        this.currentLogin = currentLogin;
        this.credentials = credentials;
    }

    @Schema(name = "AccountSummary")
    public record AccountSummary(UUID id, String firstName, String lastName, String email, String postalCode,
                                 String status, Instant createdAt) {
    }

    @Schema(name = "AccountDetail")
    public record AccountDetail(UUID id, String firstName, String lastName, String email, boolean emailVerified,
                                AccountDtos.Address address, String phone, AccountDtos.Company company,
                                boolean newsletterSubscribed, String status, Instant createdAt, Instant closedAt,
                                List<AccountDtos.Member> members) {
    }

    @Schema(name = "Reason")
    public record Reason(@NotNull @Schema(examples = "ticket 48213: customer cannot log in") String reason) {
    }

    @Schema(name = "AccountAccess")
    public record AccessEntry(UUID staffId, String action, String reason, Instant occurredAt) {
    }

    @GET
    @RolesAllowed(Roles.SUPPORT)
    @Transactional
    @Operation(summary = "Search accounts", description = "By owner e-mail, name or postal code (at least 3"
            + " characters). The reason is required and recorded for every account found.")
    public Page<AccountSummary> search(@QueryParam("q") String query, @QueryParam("reason") String reason,
                                       @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                       @QueryParam("size") @DefaultValue("20") @Min(1) @Max(Page.MAX_SIZE) int size) {
        Credential staff = currentLogin.require();
        return support.search(staff, query, reason, page, size).map(a -> new AccountSummary(a.id, a.firstName,
                a.lastName, ownerEmail(a), a.postalCode, a.status.name(), a.createdAt));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.SUPPORT)
    @Transactional
    @Operation(summary = "View an account", description = "The reason is required and recorded.")
    public AccountDetail view(@PathParam("id") UUID id, @QueryParam("reason") String reason) {
        return detail(support.view(currentLogin.require(), id, reason));
    }

    @POST
    @Path("/{id}/lock")
    @RolesAllowed(Roles.SUPPORT)
    @Transactional
    @Operation(summary = "Lock an account", description = "No login of the account works and every session ends until unlocked.")
    public AccountDetail lock(@PathParam("id") UUID id, @Valid @NotNull Reason reason) {
        return detail(support.lock(currentLogin.require(), id, reason.reason()));
    }

    @POST
    @Path("/{id}/unlock")
    @RolesAllowed(Roles.SUPPORT)
    @Transactional
    @Operation(summary = "Unlock an account")
    public AccountDetail unlock(@PathParam("id") UUID id, @Valid @NotNull Reason reason) {
        return detail(support.unlock(currentLogin.require(), id, reason.reason()));
    }

    @GET
    @Path("/{id}/access-log")
    @RolesAllowed({Roles.ADMIN, Roles.PRIVACY_OFFICER})
    @Transactional
    @Operation(summary = "Who looked at an account", description = "Every staff search hit, view, lock and unlock.")
    public Page<AccessEntry> accessLog(@PathParam("id") UUID id,
                                       @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                       @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        currentLogin.require();
        return support.accessLog(id, page, size).map(SupportResource::entry);
    }

    private AccountDetail detail(Account a) {
        Credential owner = credentials.findOwner(a.id).orElseThrow();
        return new AccountDetail(a.id, a.firstName, a.lastName, owner.email, owner.emailVerified,
                AccountService.addressOf(a), a.phone, AccountService.companyOf(a), a.newsletterSubscribed,
                a.status.name(), a.createdAt, a.closedAt,
                credentials.findMembers(a.id).stream().map(MeResource::member).toList());
    }

    private String ownerEmail(Account a) {
        return credentials.findOwner(a.id).map(c -> c.email).orElse(null);
    }

    private static AccessEntry entry(AccountAccess access) {
        return new AccessEntry(access.staffId, access.action.name(), access.reason, access.occurredAt);
    }
}
