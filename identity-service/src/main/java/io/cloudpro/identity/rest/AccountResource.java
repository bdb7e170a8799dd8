package io.cloudpro.identity.rest;

import io.cloudpro.identity.domain.LoginProfile;
import io.cloudpro.identity.service.AccountService;
import io.cloudpro.platform.http.RateLimited;
import io.cloudpro.platform.problem.Problem;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;

/** Public: registration and e-mail verification. */
@Path("/api/v1/accounts")
@Tag(name = "Accounts", description = "Registration and e-mail verification")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@PermitAll
@SecurityRequirements
public class AccountResource {

    private final AccountService accounts;

    AccountResource(AccountService accounts) {
        this.accounts = accounts;
    }

    @POST
    @RateLimited(bucket = "registration", perMinute = 10)
    @Operation(summary = "Register a customer account",
            description = "Creates the account and its owner's login and mails a link to confirm the e-mail address;"
                    + " the login works once the address is confirmed, and a registration not confirmed within 48"
                    + " hours is deleted. Company details are optional; Dutch postal codes, VAT and KvK numbers are checked.")
    @APIResponse(responseCode = "201", description = "Created; Location is /api/v1/me",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AccountDtos.Profile.class)))
    @APIResponse(responseCode = "409", description = "The e-mail address already has a login (type email-taken)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response register(@Valid @NotNull AccountDtos.RegisterRequest request, HttpServerRequest http) {
        LoginProfile registered = accounts.register(request.toDomain(), ClientInfos.of(http));
        return Response.created(URI.create("/api/v1/me"))
                .entity(AccountDtos.Profile.of(registered.login(), registered.account())).build();
    }

    @POST
    @Path("/verify-email")
    @RateLimited(bucket = "verify-email", perMinute = 20)
    @Operation(summary = "Confirm an e-mail address", description = "With the token from the mailed link; also"
            + " completes a change of e-mail address.")
    @APIResponse(responseCode = "204", description = "Confirmed")
    @APIResponse(responseCode = "400", description = "Unknown, used or expired token (type invalid-token)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void verifyEmail(@Valid @NotNull AccountDtos.TokenRequest request) {
        accounts.verifyEmail(request.token());
    }

    @POST
    @Path("/resend-verification")
    @RateLimited(bucket = "resend-verification", perMinute = 5)
    @Operation(summary = "Mail a new confirmation link",
            description = "Always answers 202, whether or not the address has an unconfirmed login.")
    @APIResponse(responseCode = "202", description = "Accepted")
    public Response resendVerification(@Valid @NotNull AccountDtos.EmailRequest request) {
        accounts.resendVerification(request.email());
        return Response.accepted().build();
    }
}
