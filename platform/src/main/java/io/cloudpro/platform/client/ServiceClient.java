package io.cloudpro.platform.client;

import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;


/**
 * Calls another service of the platform with this service's token ({@link ServiceTokens}). A
 * refused token is fetched anew once; every other failure is a {@link ServiceCallException} for the
 * caller to retry later.
 */
@ApplicationScoped
public class ServiceClient {

    private final ServiceTokens tokens;
    private final HttpClient http;

    ServiceClient(ServiceTokens tokens) {
        this.tokens = tokens;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The answer: its status and body. */
    public record Answer(int status, String body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    public Answer get(String url) {
        return get(url, Duration.ofSeconds(30));
    }

    /** A GET whose answer may take longer than usual to arrive whole, e.g. an export with a CV in it. */
    public Answer get(String url, Duration timeout) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().header("Accept", "application/json"), timeout);
    }

    public Answer delete(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).DELETE());
    }

    public Answer postJson(String url, String body) {
        return postJson(url, body, Duration.ofSeconds(30));
    }

    /** A POST whose answer is needed within {@code timeout}, e.g. while a person waits for a page. */
    public Answer postJson(String url, String body, Duration timeout) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), timeout);
    }

    public Answer putJson(String url, String body) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Answer send(HttpRequest.Builder request) {
        return send(request, Duration.ofSeconds(30));
    }

    private Answer send(HttpRequest.Builder request, Duration timeout) {
        request.timeout(timeout);
        Answer answer = attempt(request, timeout);
        if (answer.status() == 401) {
            tokens.forget();
            answer = attempt(request, timeout);
        }
        return answer;
    }

    /** One exchange, the whole answer within {@code timeout} ({@link HttpExchanges}). */
    private Answer attempt(HttpRequest.Builder request, Duration timeout) {
        try {
            HttpResponse<String> response = HttpExchanges.send(http, request.copy()
                    .setHeader("Authorization", "Bearer " + tokens.token()).build(), HttpResponse.BodyHandlers.ofString(), timeout);
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new ServiceCallException("the service did not answer: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceCallException("interrupted while calling a service", e);
        }
    }
}
