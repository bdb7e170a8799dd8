package io.cloudpro.platform.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * This service's own access token, for calls to other services of the platform (a claim check,
 * looking up a data subject): client credentials exchanged at identity-service
 * ({@code POST /api/v1/auth/service-token}), kept until a minute before it expires. The secret comes
 * from {@code SERVICE_CLIENT_SECRET}; identity-service knows only its SHA-256.
 */
@ApplicationScoped
public class ServiceTokens {

    private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(1);

    private final String tokenUrl;
    private final String clientId;
    private final Optional<String> secret;
    private final ObjectMapper json;
    private final HttpClient http;
    private volatile Token current;

    ServiceTokens(@ConfigProperty(name = "cloudpro.identity-url") String identityUrl,
                  @ConfigProperty(name = "quarkus.application.name") String clientId,
                  @ConfigProperty(name = "cloudpro.service-client.secret") Optional<String> secret,
                  ObjectMapper json) {
        this.tokenUrl = identityUrl.replaceAll("/+$", "") + "/api/v1/auth/service-token";
        this.clientId = clientId;
        this.secret = secret.filter(s -> !s.isBlank());
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    private record Token(String value, Instant renewAt) {
    }

    /** A valid token, fetched when there is none or it is about to expire. */
    public String token() {
        Token token = current;
        if (token == null || Instant.now().isAfter(token.renewAt())) {
            synchronized (this) {
                token = current;
                if (token == null || Instant.now().isAfter(token.renewAt())) {
                    token = fetch();
                    current = token;
                }
            }
        }
        return token.value();
    }

    /** Forgets the token, e.g. after another service refused it. */
    public void forget() {
        current = null;
    }

    private Token fetch() {
        String clientSecret = secret.orElseThrow(() -> new ServiceCallException(
                "SERVICE_CLIENT_SECRET is not set: this service cannot call other services"));
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(tokenUrl))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(
                            Map.of("clientId", clientId, "clientSecret", clientSecret))))
                    .build();
            // bounded whole: callers wait for this inside a lock
            HttpResponse<String> response = HttpExchanges.send(http, request, HttpResponse.BodyHandlers.ofString(),
                    Duration.ofSeconds(10));
            if (response.statusCode() != 200) {
                throw new ServiceCallException("identity-service refused a service token: HTTP " + response.statusCode());
            }
            JsonNode body = json.readTree(response.body());
            long expiresIn = body.path("expiresIn").asLong(300);
            return new Token(body.path("accessToken").asText(),
                    Instant.now().plusSeconds(expiresIn).minus(RENEW_BEFORE_EXPIRY));
        } catch (IOException e) {
            throw new ServiceCallException("identity-service did not answer for a service token", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceCallException("interrupted while fetching a service token", e);
        }
    }
}
