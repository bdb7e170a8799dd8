package io.cloudpro.privacy.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudpro.platform.client.HttpExchanges;
import io.cloudpro.platform.client.ServiceCallException;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * JSON over HTTP to another service's public API as the person logged in to the portal: their
 * bearer token (or none, for a login), their address and browser passed on. A service that does
 * not answer is a {@link ServiceCallException}; any answer, error or not, is the caller's to read.
 */
@ApplicationScoped
public class BearerHttp {

    /** A service's answer; {@code retryAfter} in seconds, -1 when it sent none (or a date). */
    public record Answer(int status, JsonNode body, long retryAfter) {
        public boolean ok() {
            return status / 100 == 2;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json;

    BearerHttp(ObjectMapper json) {
        this.json = json;
    }

    /**
     * @param bearer  the person's access token, or null
     * @param body    sent as JSON, or null for none
     * @param headers more headers (the person's address and browser), none null
     */
    public Answer send(String method, URI uri, String bearer, Object body, Map<String, String> headers, Duration timeout) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            if (bearer != null) {
                request.header("Authorization", "Bearer " + bearer);
            }
            headers.forEach(request::header);
            HttpResponse<byte[]> response = HttpExchanges.send(http, request.build(), HttpResponse.BodyHandlers.ofByteArray(),
                    timeout);
            byte[] bytes = response.body();
            return new Answer(response.statusCode(), bytes.length == 0 ? json.nullNode() : json.readTree(bytes),
                    seconds(response.headers().firstValue("Retry-After").orElse("")));
        } catch (IOException e) {
            throw new ServiceCallException(uri.getHost() + " did not answer the portal's " + method + " " + uri.getPath(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceCallException("interrupted calling " + uri.getHost(), e);
        }
    }

    private static long seconds(String retryAfter) {
        try {
            return Long.parseLong(retryAfter.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
