package io.cloudpro.order.client;

import io.cloudpro.order.service.PaymentGateway;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The HTTP side the payment adapters share: short timeouts, and every failure to get an answer is "try later". */
final class ProviderHttp {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String provider;

    ProviderHttp(String provider) {
        this.provider = provider;
    }

    static final String NOT_CONFIGURED = "not-configured";

    /** Refuses to call a provider whose credentials were never set, saying which setting is missing. */
    void requireConfigured(String value, String setting) {
        if (NOT_CONFIGURED.equals(value)) {
            throw new PaymentGateway.UnavailableException(provider + " is not configured: set " + setting, null);
        }
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(15)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 500 || response.statusCode() == 429) {
                throw new PaymentGateway.UnavailableException(provider + " answered HTTP " + response.statusCode(), null);
            }
            return response;
        } catch (IOException e) {
            throw new PaymentGateway.UnavailableException(provider + " did not answer: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PaymentGateway.UnavailableException("interrupted while calling " + provider, e);
        }
    }

    /** A refusal the provider explains (4xx): a fault of ours, logged without the body (it may echo data). */
    PaymentGateway.UnavailableException refused(String what, HttpResponse<String> response) {
        return new PaymentGateway.UnavailableException(provider + " refused to " + what + ": HTTP " + response.statusCode(), null);
    }
}
