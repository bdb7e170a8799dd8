package io.cloudpro.identity.rest;

import io.cloudpro.identity.domain.Account;
import io.cloudpro.identity.domain.Credential;
import io.cloudpro.identity.domain.LoginAttempt;
import io.cloudpro.identity.repository.LoginAttemptRepository;
import io.cloudpro.identity.security.CurrentLogin;
import io.cloudpro.identity.service.AccountService;
import io.cloudpro.identity.service.IdentityProblems;
import io.cloudpro.identity.service.MemberService;
import io.cloudpro.identity.service.NewsletterService;
import io.cloudpro.platform.problem.ProblemException;
import io.cloudpro.platform.rest.Page;
import io.cloudpro.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

/**
 * The logged-in customer's own data. There is no account id in these paths: the token says whose
 * data it is, so nobody can ask for someone else's.
 */
@Path("/api/v1/me")
@Tag(name = "Me", description = "The caller's own account, login, history, newsletter consent and members")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.CUSTOMER)
public class MeResource {

    private final CurrentLogin currentLogin;
    private final AccountService accounts;
    private final MemberService members;
    private final NewsletterService newsletter;
    private final LoginAttemptRepository attempts;

    MeResource(CurrentLogin currentLogin, AccountService accounts, MemberService members, NewsletterService newsletter,
               LoginAttemptRepository attempts) {
        this.currentLogin = currentLogin;
        this.accounts = accounts;
        this.members = members;
        this.newsletter = newsletter;
        this.attempts = attempts;
    }

    @GET
    @Transactional
    @Operation(summary = "My profile", description = "Name, address, company, e-mail, phone and newsletter state."
            + " A member sees the shared account and their own login.")
    public AccountDtos.Profile get() {
        Credential login = currentLogin.require();
        return profile(login, accounts.account(login.accountId));
    }

    @PATCH
    @Consumes({"application/merge-patch+json", MediaType.APPLICATION_JSON})
    @Transactional
    @Operation(summary = "Correct my profile",
            description = "JSON merge patch: leave fields out to keep them, send null to remove phone or company."
                    + " Publishes account.updated naming the changed fields. Members may change their own name only.")
    public AccountDtos.Profile patch(@Valid @NotNull AccountDtos.ProfilePatch patch) {
        Credential login = currentLogin.require();
        accounts.patch(login, patch);
        return get();
    }

    @DELETE
    @Operation(summary = "Close my account", description = "The owner closes the account with their password:"
            + " every login of the account ends at once and account.closed is published.")
    @APIResponse(responseCode = "204", description = "Closed")
    public void close(@Valid @NotNull AccountDtos.PasswordConfirmation request) {
        accounts.close(currentLogin.require(), request.password());
    }

    @POST
    @Path("/password")
    @Operation(summary = "Change my password", description = "Needs the current password; ends every other session.")
    @APIResponse(responseCode = "204", description = "Changed")
    public void changePassword(@Valid @NotNull AccountDtos.ChangePasswordRequest request) {
        accounts.changePassword(currentLogin.require(), currentLogin.sessionId().orElse(null),
                request.currentPassword(), request.newPassword());
    }

    @POST
    @Path("/email")
    @Operation(summary = "Change my e-mail address",
            description = "Mails a confirmation link to the new address; the change happens when it is followed.")
    @APIResponse(responseCode = "202", description = "Confirmation mailed")
    public Response changeEmail(@Valid @NotNull AccountDtos.ChangeEmailRequest request) {
        accounts.requestEmailChange(currentLogin.require(), request.newEmail(), request.password());
        return Response.accepted().build();
    }

    @GET
    @Path("/logins")
    @Transactional
    @Operation(summary = "My login history", description = "Every login attempt of the last 90 days: time, IP"
            + " address, browser, outcome, and whether it came from a new location.")
    public Page<AccountDtos.LoginEntry> logins(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                              @QueryParam("size") @DefaultValue("20") @Min(1) @Max(Page.MAX_SIZE) int size) {
        Credential login = currentLogin.require();
        return new Page<>(attempts.history(login.id, page, size), page, size, attempts.countHistory(login.id))
                .map(MeResource::entry);
    }

    @GET
    @Path("/newsletter")
    @Transactional
    @Operation(summary = "My newsletter consent")
    public NewsletterState newsletter() {
        return newsletterState(requireOwner());
    }

    @PUT
    @Path("/newsletter")
    @Transactional
    @Operation(summary = "Subscribe to or unsubscribe from the newsletter",
            description = "Kept as proof with the time and the privacy statement version; publishes newsletter.consent-changed.")
    public NewsletterState setNewsletter(@Valid @NotNull NewsletterChoice choice) {
        Credential owner = requireOwner();
        newsletter.set(owner.accountId, choice.subscribed(), choice.privacyNoticeVersion());
        return newsletterState(owner);
    }

    @GET
    @Path("/members")
    @Transactional
    @Operation(summary = "People I share my account with")
    public AccountDtos.Members listMembers() {
        return new AccountDtos.Members(members.list(currentLogin.require()).stream().map(MeResource::member).toList());
    }

    @POST
    @Path("/members")
    @Operation(summary = "Share my account with someone",
            description = "They get their own login: an invitation to choose a password is mailed to them.")
    @APIResponse(responseCode = "201", description = "Invited")
    public Response invite(@Valid @NotNull AccountDtos.InviteMember request) {
        Credential member = members.invite(currentLogin.require(), request.email(), request.firstName(), request.lastName());
        return Response.created(URI.create("/api/v1/me/members/" + member.id)).entity(member(member)).build();
    }

    @DELETE
    @Path("/members/{memberId}")
    @Operation(summary = "Stop sharing my account with a member", description = "Their access ends at once.")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "404", description = "No such member of this account")
    public void revoke(@PathParam("memberId") UUID memberId) {
        members.revoke(currentLogin.require(), memberId);
    }

    @Schema(name = "NewsletterChoice")
    public record NewsletterChoice(@NotNull Boolean subscribed,
                                   @Schema(description = "Version (date) of the privacy statement shown; default: current")
                                   String privacyNoticeVersion) {
    }

    @Schema(name = "NewsletterState")
    public record NewsletterState(boolean subscribed, Instant since, String privacyNoticeVersion, String unsubscribeLink) {
    }

    private Credential requireOwner() {
        Credential login = currentLogin.require();
        if (login.kind != Credential.Kind.OWNER) {
            throw new ProblemException(IdentityProblems.OWNER_ONLY, "The newsletter consent is the account owner's.");
        }
        return login;
    }

    private NewsletterState newsletterState(Credential owner) {
        Account account = accounts.account(owner.accountId);
        var proof = newsletter.proof(account.id);
        var last = proof.isEmpty() ? null : proof.get(proof.size() - 1);
        return new NewsletterState(account.newsletterSubscribed, last == null ? null : last.changedAt,
                last == null ? null : last.privacyNoticeVersion,
                account.newsletterSubscribed ? newsletter.unsubscribeLink(account.id) : null);
    }

    static AccountDtos.Profile profile(Credential login, Account account) {
        boolean owner = login.kind == Credential.Kind.OWNER;
        return new AccountDtos.Profile(account.id, login.id, login.kind.name(), login.email, login.emailVerified,
                owner ? account.firstName : login.firstName, owner ? account.lastName : login.lastName,
                AccountService.addressOf(account), account.phone, AccountService.companyOf(account),
                owner ? account.newsletterSubscribed : null, account.status.name(), account.createdAt);
    }

    static AccountDtos.Member member(Credential member) {
        return new AccountDtos.Member(member.id, member.email, member.firstName, member.lastName, member.status.name(),
                member.createdAt);
    }

    private static AccountDtos.LoginEntry entry(LoginAttempt attempt) {
        return new AccountDtos.LoginEntry(attempt.occurredAt, attempt.ip, attempt.userAgent, attempt.outcome.name(),
                attempt.newLocation);
    }
}
