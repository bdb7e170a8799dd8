package io.cloudpro.platform.client;

import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
        return send(HttpRequest.newBuilder(URI.create(url)).GET().header("Accept", "application/json"));
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

    /**
     * One exchange, the whole answer within {@code timeout}: the request's own timeout ends with the
     * headers, so a service that sends them and then stalls would otherwise hold the caller forever.
     */
    private Answer attempt(HttpRequest.Builder request, Duration timeout) {
        CompletableFuture<HttpResponse<String>> exchange = http.sendAsync(request.copy()
                .setHeader("Authorization", "Bearer " + tokens.token()).build(), HttpResponse.BodyHandlers.ofString());
        try {
            HttpResponse<String> response = exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Answer(response.statusCode(), response.body());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new ServiceCallException("the service did not answer: " + cause.getClass().getSimpleName(), cause);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new ServiceCallException("the service did not answer within " + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new ServiceCallException("interrupted while calling a service", e);
        }
    }
}
