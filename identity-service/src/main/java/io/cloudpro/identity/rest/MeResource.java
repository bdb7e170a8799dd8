package io.cloudpro.identity.rest;

import io.cloudpro.identity.domain.Caller;
import io.cloudpro.identity.domain.LoginProfile;
import io.cloudpro.identity.security.CurrentLogin;
import io.cloudpro.identity.service.AccountService;
import io.cloudpro.identity.service.LoginHistoryService;
import io.cloudpro.identity.service.MemberService;
import io.cloudpro.identity.service.NewsletterService;
import io.cloudpro.platform.problem.Problem;
import io.cloudpro.platform.paging.Page;
import io.cloudpro.platform.security.Roles;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
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
    private final LoginHistoryService history;

    MeResource(CurrentLogin currentLogin, AccountService accounts, MemberService members, NewsletterService newsletter,
               LoginHistoryService history) {
        this.currentLogin = currentLogin;
        this.accounts = accounts;
        this.members = members;
        this.newsletter = newsletter;
        this.history = history;
    }

    @Schema(name = "NewsletterChoice")
    public record NewsletterChoice(@NotNull Boolean subscribed,
                                   @Size(max = 20) @Schema(description = "Version (date) of the privacy statement shown; default: current")
                                   String privacyNoticeVersion) {
    }

    @Schema(name = "NewsletterState")
    public record NewsletterState(boolean subscribed, Instant since, String privacyNoticeVersion, String unsubscribeLink) {

        static NewsletterState of(NewsletterService.State state) {
            return new NewsletterState(state.subscribed(), state.since(), state.privacyNoticeVersion(),
                    state.unsubscribeLink());
        }
    }

    @GET
    @Operation(summary = "My profile", description = "Name, address, company, e-mail, phone and newsletter state."
            + " A member sees the shared account and their own login.")
    @APIResponse(responseCode = "200", description = "The profile",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AccountDtos.Profile.class)))
    public AccountDtos.Profile get() {
        LoginProfile profile = accounts.profile(currentLogin.require());
        return AccountDtos.Profile.of(profile.login(), profile.account());
    }

    @PATCH
    @Consumes({"application/merge-patch+json", MediaType.APPLICATION_JSON})
    @Operation(summary = "Correct my profile",
            description = "JSON merge patch: leave fields out to keep them, send null to remove phone or company."
                    + " Publishes account.updated naming the changed fields. Members may change their own name only.")
    @APIResponse(responseCode = "200", description = "The corrected profile",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AccountDtos.Profile.class)))
    public AccountDtos.Profile patch(@Valid @NotNull AccountDtos.ProfilePatch patch) {
        accounts.patch(currentLogin.require(), patch.toDomain());
        return get();
    }

    @DELETE
    @Operation(summary = "Close my account", description = "The owner closes the account with their password:"
            + " every login of the account ends at once and account.closed is published. The password check is"
            + " throttled like a login (429 with Retry-After).")
    @APIResponse(responseCode = "204", description = "Closed")
    @APIResponse(responseCode = "403", description = "Wrong password (type wrong-password) or not the owner",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void close(@Valid @NotNull AccountDtos.PasswordConfirmation request, HttpServerRequest http) {
        accounts.close(currentLogin.require(), ClientInfos.of(http), request.password());
    }

    @POST
    @Path("/password")
    @Operation(summary = "Change my password", description = "Needs the current password (throttled like a login);"
            + " ends every other session.")
    @APIResponse(responseCode = "204", description = "Changed")
    @APIResponse(responseCode = "403", description = "Wrong current password (type wrong-password)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void changePassword(@Valid @NotNull AccountDtos.ChangePasswordRequest request, HttpServerRequest http) {
        accounts.changePassword(currentLogin.require(), ClientInfos.of(http), request.currentPassword(),
                request.newPassword());
    }

    @POST
    @Path("/email")
    @Operation(summary = "Change my e-mail address",
            description = "Mails a confirmation link to the new address; the change happens when it is followed.")
    @APIResponse(responseCode = "202", description = "Confirmation mailed")
    @APIResponse(responseCode = "403", description = "Wrong password (type wrong-password)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response changeEmail(@Valid @NotNull AccountDtos.ChangeEmailRequest request, HttpServerRequest http) {
        accounts.requestEmailChange(currentLogin.require(), ClientInfos.of(http), request.newEmail(), request.password());
        return Response.accepted().build();
    }

    @GET
    @Path("/logins")
    @Operation(summary = "My login history", description = "Every login attempt and password confirmation of the last"
            + " 90 days: time, IP address, browser, outcome, and whether it came from a new location.")
    @APIResponse(responseCode = "200", description = "One page of the history")
    public Page<AccountDtos.LoginEntry> logins(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                              @QueryParam("size") @DefaultValue("20") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return history.history(currentLogin.require(), page, size).map(AccountDtos.LoginEntry::of);
    }

    @GET
    @Path("/newsletter")
    @Operation(summary = "My newsletter consent")
    @APIResponse(responseCode = "200", description = "The consent and the link to end it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NewsletterState.class)))
    public NewsletterState newsletter() {
        return NewsletterState.of(newsletter.state(currentLogin.require()));
    }

    @PUT
    @Path("/newsletter")
    @Operation(summary = "Subscribe to or unsubscribe from the newsletter",
            description = "Kept as proof with the time and the privacy statement version; publishes newsletter.consent-changed.")
    @APIResponse(responseCode = "200", description = "The consent now",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NewsletterState.class)))
    public NewsletterState setNewsletter(@Valid @NotNull NewsletterChoice choice) {
        return NewsletterState.of(newsletter.set(currentLogin.require(), choice.subscribed(), choice.privacyNoticeVersion()));
    }

    @GET
    @Path("/members")
    @Operation(summary = "People I share my account with")
    @APIResponse(responseCode = "200", description = "The members",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AccountDtos.Members.class)))
    public AccountDtos.Members listMembers() {
        return new AccountDtos.Members(members.list(currentLogin.require()).stream().map(AccountDtos.Member::of).toList());
    }

    @POST
    @Path("/members")
    @Operation(summary = "Share my account with someone",
            description = "They get their own login: an invitation to choose a password is mailed to them.")
    @APIResponse(responseCode = "201", description = "Invited",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AccountDtos.Member.class)))
    public Response invite(@Valid @NotNull AccountDtos.InviteMember request) {
        Caller owner = currentLogin.require();
        var member = members.invite(owner, request.email(), request.firstName(), request.lastName());
        return Response.created(URI.create("/api/v1/me/members/" + member.id)).entity(AccountDtos.Member.of(member)).build();
    }

    @DELETE
    @Path("/members/{memberId}")
    @Operation(summary = "Stop sharing my account with a member", description = "Their access ends at once.")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "404", description = "No such member of this account",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void revoke(@PathParam("memberId") UUID memberId) {
        members.revoke(currentLogin.require(), memberId);
    }
}
