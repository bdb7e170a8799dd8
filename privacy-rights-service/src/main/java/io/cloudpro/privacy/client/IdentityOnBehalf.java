package io.cloudpro.privacy.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudpro.platform.client.ServiceCallException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

    /** identity-service's answer; {@code retryAfter} in seconds, -1 when it sent none. */
    public record Answer(int status, JsonNode body, long retryAfter) {
        public boolean ok() {
            return status / 100 == 2;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json;
    private final String base;

    IdentityOnBehalf(ObjectMapper json, @ConfigProperty(name = "cloudpro.identity-url") String identityUrl) {
        this.json = json;
        this.base = identityUrl.replaceAll("/+$", "");
    }

    public Tokens login(String email, String password, String clientIp, String userAgent) {
        Answer answer = send("POST", "/api/v1/auth/login", null, Map.of("email", email, "password", password), clientIp, userAgent);
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
        Answer answer = send("POST", "/api/v1/auth/refresh", null, Map.of("refreshToken", refreshToken), clientIp, userAgent,
                Duration.ofSeconds(4));
        return answer.status() / 100 == 4 && answer.status() != 429 ? Optional.empty() : Optional.of(tokens(answer, "refresh"));
    }

    public void logout(String refreshToken, String clientIp, String userAgent) {
        send("POST", "/api/v1/auth/logout", null, Map.of("refreshToken", refreshToken), clientIp, userAgent);
    }

    public Answer get(String accessToken, String path) {
        return send("GET", path, accessToken, null, null, null);
    }

    public Answer put(String accessToken, String path, Object body) {
        return send("PUT", path, accessToken, body, null, null);
    }

    /** Retry-After in seconds; -1 when absent or a date (then the caller's default applies). */
    private static long seconds(String retryAfter) {
        try {
            return Long.parseLong(retryAfter.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private Tokens tokens(Answer answer, String what) {
        if (!answer.ok()) {
            throw new ServiceCallException("identity-service answered a portal " + what + " with HTTP " + answer.status());
        }
        JsonNode body = answer.body();
        return new Tokens(body.path("accessToken").asText(), body.path("expiresIn").asLong(),
                body.path("refreshToken").asText(), Instant.parse(body.path("refreshTokenExpiresAt").asText()));
    }

    private Answer send(String method, String path, String accessToken, Object body, String clientIp, String userAgent) {
        return send(method, path, accessToken, body, clientIp, userAgent, Duration.ofSeconds(10));
    }

    private Answer send(String method, String path, String accessToken, Object body, String clientIp, String userAgent,
                        Duration timeout) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                    .header("Accept", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            if (accessToken != null) {
                request.header("Authorization", "Bearer " + accessToken);
            }
            if (clientIp != null) {
                request.header("X-Forwarded-For", clientIp);
            }
            if (userAgent != null && !userAgent.isBlank()) {
                request.header("User-Agent", userAgent);
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            byte[] bytes = response.body();
            JsonNode parsed = bytes.length == 0 ? json.nullNode() : json.readTree(bytes);
            return new Answer(response.statusCode(), parsed, seconds(response.headers().firstValue("Retry-After").orElse("")));
        } catch (IOException e) {
            throw new ServiceCallException("identity-service did not answer the portal's " + method + " " + path.replaceAll("\\?.*", ""), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceCallException("interrupted calling identity-service", e);
        }
    }
}
