package io.cloudpro.identity.rest;

import io.cloudpro.identity.security.CurrentLogin;
import io.cloudpro.identity.service.AuthService;
import io.cloudpro.identity.service.ServiceTokenService;
import io.cloudpro.identity.service.Sessions;
import io.cloudpro.platform.http.RateLimited;
import io.cloudpro.platform.problem.Problem;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.UUID;

/** Public: log in, refresh, log out, choose a first password, reset a forgotten one. */
@Path("/api/v1/auth")
@Tag(name = "Auth", description = "Access and refresh tokens, passwords")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@PermitAll
@SecurityRequirements
public class AuthResource {

    private final AuthService auth;
    private final ServiceTokenService serviceTokens;
    private final CurrentLogin currentLogin;
    private final SecurityIdentity identity;

    AuthResource(AuthService auth, ServiceTokenService serviceTokens, CurrentLogin currentLogin, SecurityIdentity identity) {
        this.auth = auth;
        this.serviceTokens = serviceTokens;
        this.currentLogin = currentLogin;
        this.identity = identity;
    }

    @Schema(name = "LoginRequest")
    public record LoginRequest(@NotBlank @Size(max = 254) @Schema(examples = "jan@example.nl") String email,
                               @NotNull @Size(max = 128) @Schema(examples = "correct horse battery staple") String password) {
    }

    @Schema(name = "RefreshRequest")
    public record RefreshRequest(@NotBlank @Size(max = 100) String refreshToken) {
    }

    @Schema(name = "LogoutRequest")
    public record LogoutRequest(@Size(max = 100) String refreshToken) {
    }

    @Schema(name = "ActivateRequest")
    public record ActivateRequest(@NotBlank @Size(max = 200) String token,
                                  @NotNull @Size(min = 10, max = 128) String password) {
    }

    @Schema(name = "PasswordResetRequest")
    public record PasswordResetRequest(@NotBlank @Size(max = 254) @Email(regexp = AccountDtos.EMAIL)
                                       @Schema(examples = "jan@example.nl") String email) {
    }

    @Schema(name = "NewPasswordRequest")
    public record NewPasswordRequest(@NotBlank @Size(max = 200) @Schema(description = "From the mailed link") String token,
                                     @NotNull @Size(min = 10, max = 128) String password) {
    }

    @Schema(name = "ServiceTokenRequest")
    public record ServiceTokenRequest(@NotBlank @Size(max = 100) @Schema(examples = "privacy-rights-service") String clientId,
                                      @NotBlank @Size(max = 200) String clientSecret) {
    }

    @Schema(name = "ServiceToken")
    public record ServiceToken(String accessToken, @Schema(examples = "Bearer") String tokenType,
                               @Schema(examples = "600") long expiresIn) {
    }

    @Schema(name = "Tokens")
    public record Tokens(@Schema(description = "ES256 JWT for the Authorization: Bearer header") String accessToken,
                         @Schema(examples = "Bearer") String tokenType,
                         @Schema(description = "Seconds until the access token expires", examples = "600") long expiresIn,
                         @Schema(description = "Opaque; spend it once at /api/v1/auth/refresh") String refreshToken,
                         Instant refreshTokenExpiresAt) {

        static Tokens of(Sessions.TokenPair pair) {
            return new Tokens(pair.accessToken(), "Bearer", pair.expiresIn(), pair.refreshToken(), pair.refreshExpiresAt());
        }
    }

    @POST
    @Path("/login")
    @Operation(summary = "Log in", description = "Returns an access token (5-15 minutes) and a refresh token."
            + " Unknown address, wrong password, an unconfirmed e-mail address and a locked login all get the same"
            + " 401 invalid-credentials answer. After repeated failures for an address or from a network, further"
            + " attempts must wait (1 s, 2 s, 4 s ... up to 15 minutes): 429 too-many-attempts with Retry-After,"
            + " the same for every address.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "login",
            value = "{\"email\": \"jan@example.nl\", \"password\": \"correct horse battery staple\"}")))
    @APIResponse(responseCode = "200", description = "Logged in",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Tokens.class)))
    @APIResponse(responseCode = "401", description = "Login failed (type invalid-credentials)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "Too many attempts; wait Retry-After seconds (type too-many-attempts)",
            headers = @Header(name = "Retry-After", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.INTEGER)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Tokens login(@Valid @NotNull LoginRequest request, HttpServerRequest http) {
        return Tokens.of(auth.login(request.email(), request.password(), ClientInfos.of(http)));
    }

    @POST
    @Path("/service-token")
    @RateLimited(bucket = "service-token", perMinute = 30)
    @Operation(summary = "A token for another service of the platform (client credentials)",
            description = "For the platform's services only (SERVICE_CLIENTS): the token has the role service and no"
                    + " session; it stops working as soon as the client is removed from the configuration.")
    @APIResponse(responseCode = "200", description = "The token",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ServiceToken.class)))
    @APIResponse(responseCode = "401", description = "Unknown client or wrong secret (type invalid-client)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ServiceToken serviceToken(@Valid @NotNull ServiceTokenRequest request) {
        var issued = serviceTokens.issue(request.clientId(), request.clientSecret());
        return new ServiceToken(issued.token(), "Bearer", serviceTokens.ttlSeconds());
    }

    @POST
    @Path("/refresh")
    @RateLimited(bucket = "refresh", perMinute = 60)
    @Operation(summary = "Exchange a refresh token for new tokens", description = "The refresh token is spent;"
            + " the answer holds a new one. Presented again within a few seconds (two tabs, a retry) it gets a pair"
            + " of its own; presented later, it was copied, and its whole session ends.")
    @APIResponse(responseCode = "200", description = "New tokens",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Tokens.class)))
    @APIResponse(responseCode = "401", description = "Not accepted (type invalid-refresh-token)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Tokens refresh(@Valid @NotNull RefreshRequest request) {
        return Tokens.of(auth.refresh(request.refreshToken()));
    }

    @POST
    @Path("/logout")
    @Operation(summary = "Log out", description = "Ends the session of the given refresh token and/or of the"
            + " bearer token, at every service within seconds. Always 204.")
    @APIResponse(responseCode = "204", description = "Logged out")
    public void logout(@Valid LogoutRequest request) {
        UUID sessionId = null;
        try {
            sessionId = identity.isAnonymous() ? null : currentLogin.require().sessionId();
        } catch (RuntimeException e) {
            // an expired, forged or already ended bearer token names no session to end
        }
        auth.logout(request == null ? null : request.refreshToken(), sessionId);
    }

    @POST
    @Path("/activate")
    @RateLimited(bucket = "activation", perMinute = 10)
    @Operation(summary = "Choose the first password of an invited member or new staff member",
            description = "With the token from the mailed invitation.")
    @APIResponse(responseCode = "204", description = "Activated; log in with the new password")
    @APIResponse(responseCode = "400", description = "Unknown, used or expired token (type invalid-token)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void activate(@Valid @NotNull ActivateRequest request) {
        auth.activate(request.token(), request.password());
    }

    @POST
    @Path("/password-reset")
    @RateLimited(bucket = "password-reset", perMinute = 5)
    @Operation(summary = "Mail a link to choose a new password",
            description = "Always 202, whether or not the address has a login. The link works once, for one hour.")
    @APIResponse(responseCode = "202", description = "Accepted")
    public Response requestPasswordReset(@Valid @NotNull PasswordResetRequest request) {
        auth.requestPasswordReset(request.email());
        return Response.accepted().build();
    }

    @POST
    @Path("/password-reset/confirm")
    @RateLimited(bucket = "password-reset", perMinute = 5)
    @Operation(summary = "Choose a new password with the mailed reset link",
            description = "The link works once; every session of the login ends.")
    @APIResponse(responseCode = "204", description = "Password changed; log in with it")
    @APIResponse(responseCode = "400", description = "Unknown, used or expired link (type invalid-token)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void resetPassword(@Valid @NotNull NewPasswordRequest request) {
        auth.resetPassword(request.token(), request.password());
    }
}
