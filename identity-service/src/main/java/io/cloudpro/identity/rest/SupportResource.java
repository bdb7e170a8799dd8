package io.cloudpro.identity.rest;

import io.cloudpro.identity.domain.AccountAccess;
import io.cloudpro.identity.security.CurrentLogin;
import io.cloudpro.identity.service.AccountService;
import io.cloudpro.identity.service.SupportService;
import io.cloudpro.platform.problem.Problem;
import io.cloudpro.platform.paging.Page;
import io.cloudpro.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
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

    SupportResource(SupportService support, CurrentLogin currentLogin) {
        this.support = support;
        this.currentLogin = currentLogin;
    }

    @Schema(name = "AccountSummary")
    public record AccountSummary(UUID id, String firstName, String lastName, String email, String postalCode,
                                 String status, Instant createdAt,
                                 @Schema(description = "Processing restricted (GDPR art. 18): keep the data, do not use it"
                                         + " beyond storage") boolean restricted) {
    }

    @Schema(name = "AccountDetail")
    public record AccountDetail(UUID id, String firstName, String lastName, String email, boolean emailVerified,
                                AccountDtos.Address address, String phone, AccountDtos.Company company,
                                boolean newsletterSubscribed, String status, Instant createdAt, Instant closedAt,
                                @Schema(description = "Processing restricted (GDPR art. 18): keep the data, do not use it"
                                        + " beyond storage") boolean restricted,
                                @Schema(description = "Since when processing is restricted") Instant restrictedSince,
                                @Schema(description = "When the person's data was erased on request; only this shell is left")
                                Instant erasedAt,
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
    @Operation(summary = "Search accounts", description = "By owner e-mail, name or postal code (at least 3"
            + " characters). The reason is required and recorded for every account found.")
    @APIResponse(responseCode = "200", description = "One page of matching accounts")
    @APIResponse(responseCode = "400", description = "No reason, or too short a search",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<AccountSummary> search(@QueryParam("q") String query, @QueryParam("reason") String reason,
                                       @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                       @QueryParam("size") @DefaultValue("20") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return support.search(currentLogin.require(), query, reason, page, size).map(view -> new AccountSummary(
                view.account().id, view.account().firstName, view.account().lastName,
                view.owner() == null ? null : view.owner().email, view.account().postalCode,
                view.account().status.name(), view.account().createdAt, view.account().restrictedAt != null));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.SUPPORT)
    @Operation(summary = "View an account", description = "The reason is required and recorded.")
    @APIResponse(responseCode = "200", description = "The account",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AccountDetail.class)))
    @APIResponse(responseCode = "404", description = "No such account",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AccountDetail view(@PathParam("id") UUID id, @QueryParam("reason") String reason) {
        return detail(support.view(currentLogin.require(), id, reason));
    }

    @POST
    @Path("/{id}/lock")
    @RolesAllowed(Roles.SUPPORT)
    @Operation(summary = "Lock an account", description = "No login of the account works and every session ends"
            + " (at every service, within seconds) until unlocked.")
    @APIResponse(responseCode = "200", description = "The locked account",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AccountDetail.class)))
    public AccountDetail lock(@PathParam("id") UUID id, @Valid @NotNull Reason reason) {
        return detail(support.lock(currentLogin.require(), id, reason.reason()));
    }

    @POST
    @Path("/{id}/unlock")
    @RolesAllowed(Roles.SUPPORT)
    @Operation(summary = "Unlock an account")
    @APIResponse(responseCode = "200", description = "The unlocked account",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AccountDetail.class)))
    public AccountDetail unlock(@PathParam("id") UUID id, @Valid @NotNull Reason reason) {
        return detail(support.unlock(currentLogin.require(), id, reason.reason()));
    }

    @POST
    @Path("/{id}/reopen")
    @RolesAllowed(Roles.SUPPORT)
    @Operation(summary = "Re-open a closed account", description = "At the owner's request, within the grace period"
            + " after closing (30 days unless the privacy officer changed it), while the account's data is still"
            + " there. Its logins work again; retention-service stops the account's retention clocks.")
    @APIResponse(responseCode = "200", description = "The re-opened account",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AccountDetail.class)))
    @APIResponse(responseCode = "409", description = "Not closed, its data already deleted, or the owner's address"
            + " has a new login meanwhile",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AccountDetail reopen(@PathParam("id") UUID id, @Valid @NotNull Reason reason) {
        return detail(support.reopen(currentLogin.require(), id, reason.reason()));
    }

    @GET
    @Path("/{id}/access-log")
    @RolesAllowed({Roles.ADMIN, Roles.PRIVACY_OFFICER})
    @Operation(summary = "Who looked at an account", description = "Every staff search hit, view, lock and unlock.")
    @APIResponse(responseCode = "200", description = "One page of the record, newest first")
    public Page<AccessEntry> accessLog(@PathParam("id") UUID id,
                                       @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                       @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return support.accessLog(id, page, size).map(SupportResource::entry);
    }

    private static AccountDetail detail(SupportService.AccountView view) {
        var a = view.account();
        var owner = view.owner();
        return new AccountDetail(a.id, a.firstName, a.lastName, owner == null ? null : owner.email,
                owner != null && owner.emailVerified,
                a.erasedAt == null ? AccountDtos.Address.of(AccountService.addressOf(a)) : null, a.phone,
                AccountDtos.Company.of(AccountService.companyOf(a)), a.newsletterSubscribed,
                a.status.name(), a.createdAt, a.closedAt, a.restrictedAt != null, a.restrictedAt, a.erasedAt,
                view.members().stream().map(AccountDtos.Member::of).toList());
    }

    private static AccessEntry entry(AccountAccess access) {
        return new AccessEntry(access.staffId, access.action.name(), access.reason, access.occurredAt);
    }
}
