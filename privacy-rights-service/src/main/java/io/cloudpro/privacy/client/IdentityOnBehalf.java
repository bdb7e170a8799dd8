package io.cloudpro.privacy.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudpro.platform.client.ServiceCallException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * identity-service's own API as a front-end app uses it, for the person logged in to the privacy
 * portal: their login, with their password, and then their data, with their access token. The
 * person's address and browser go along (X-Forwarded-For, User-Agent), so that identity-service's
 * login history, new-location alerts and login throttling see the person, not this service.
 */
@ApplicationScoped
public class IdentityOnBehalf {

    /** What identity-service issues at a login or a refresh. */
    public record Tokens(String accessToken, long expiresIn, String refreshToken, Instant refreshTokenExpiresAt) {
    }

    /** A login identity-service refused: wrong credentials, or too many attempts (then wait {@code retryAfterSeconds}). */
    public static final class LoginRefused extends RuntimeException {
        private final Long retryAfterSeconds;

        LoginRefused(Long retryAfterSeconds) {
            super(retryAfterSeconds == null ? "login refused" : "too many attempts");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public Optional<Long> retryAfterSeconds() {
            return Optional.ofNullable(retryAfterSeconds);
        }
    }

    private final BearerHttp http;
    private final String base;

    IdentityOnBehalf(BearerHttp http, @ConfigProperty(name = "cloudpro.identity-url") String identityUrl) {
        this.http = http;
        this.base = identityUrl.replaceAll("/+$", "");
    }

    public Tokens login(String email, String password, String clientIp, String userAgent) {
        BearerHttp.Answer answer = send("POST", "/api/v1/auth/login", null, Map.of("email", email, "password", password), clientIp, userAgent);
        if (answer.status() == 429) {
            throw new LoginRefused(answer.retryAfter() >= 0 ? answer.retryAfter() : 60);
        }
        if (answer.status() / 100 == 4) {
            throw new LoginRefused(null); // wrong credentials, or input identity-service does not take: the same answer
        }
        return tokens(answer, "login");
    }

    /**
     * New tokens for the refresh token, or empty when identity-service ended the session. Waits less
     * than identity-service's grace for a spent refresh token, so that a page that gave up can retry
     * with it once rather than end the session as a token thief would.
     */
    public Optional<Tokens> refresh(String refreshToken, String clientIp, String userAgent) {
        BearerHttp.Answer answer = send("POST", "/api/v1/auth/refresh", null, Map.of("refreshToken", refreshToken), clientIp, userAgent,
                Duration.ofSeconds(4));
        return answer.status() / 100 == 4 && answer.status() != 429 ? Optional.empty() : Optional.of(tokens(answer, "refresh"));
    }

    /** Hands a refresh token back; a token identity-service no longer knows is ended all the same. */
    public void logout(String refreshToken, String clientIp, String userAgent) {
        BearerHttp.Answer answer = send("POST", "/api/v1/auth/logout", null, Map.of("refreshToken", refreshToken), clientIp,
                userAgent);
        if (answer.status() >= 500 || answer.status() == 429) {
            throw new ServiceCallException("identity-service answered a logout with HTTP " + answer.status());
        }
    }

    public BearerHttp.Answer get(String accessToken, String path) {
        return send("GET", path, accessToken, null, null, null);
    }

    public BearerHttp.Answer put(String accessToken, String path, Object body) {
        return send("PUT", path, accessToken, body, null, null);
    }

    private Tokens tokens(BearerHttp.Answer answer, String what) {
        if (!answer.ok()) {
            throw new ServiceCallException("identity-service answered a portal " + what + " with HTTP " + answer.status());
        }
        JsonNode body = answer.body();
        return new Tokens(body.path("accessToken").asText(), body.path("expiresIn").asLong(),
                body.path("refreshToken").asText(), Instant.parse(body.path("refreshTokenExpiresAt").asText()));
    }

    private BearerHttp.Answer send(String method, String path, String accessToken, Object body, String clientIp, String userAgent) {
        return send(method, path, accessToken, body, clientIp, userAgent, Duration.ofSeconds(10));
    }

    private BearerHttp.Answer send(String method, String path, String accessToken, Object body, String clientIp, String userAgent,
                        Duration timeout) {
        Map<String, String> headers = new java.util.HashMap<>();
        if (clientIp != null) {
            headers.put("X-Forwarded-For", clientIp);
        }
        if (userAgent != null && !userAgent.isBlank()) {
            headers.put("User-Agent", userAgent);
        }
        return http.send(method, URI.create(base + path), accessToken, body, headers, timeout);
    }
}
