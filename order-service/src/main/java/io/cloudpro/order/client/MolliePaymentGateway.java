package io.cloudpro.order.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudpro.order.domain.AccountMask;
import io.cloudpro.order.domain.PaymentProvider;
import io.cloudpro.order.domain.PaymentStatus;
import io.cloudpro.order.service.PaymentGateway;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * iDEAL through Mollie's Payments API v2. Mollie's webhook carries only the payment id; the status
 * is always read back with {@code GET /v2/payments/{id}}. A paid iDEAL payment's details name the
 * payer's full IBAN - masked here, before it goes anywhere.
 */
@ApplicationScoped
public class MolliePaymentGateway implements PaymentGateway {

    private final ObjectMapper json;
    private final String baseUrl;
    private final String apiKey;
    private final ProviderHttp http = new ProviderHttp("Mollie");

    MolliePaymentGateway(ObjectMapper json, @ConfigProperty(name = "order.mollie.url") String baseUrl,
                         @ConfigProperty(name = "order.mollie.api-key") String apiKey) {
        this.json = json;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.apiKey = apiKey;
    }

    @Override
    public PaymentProvider provider() {
        return PaymentProvider.MOLLIE;
    }

    @Override
    public Started start(Start payment) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("amount", Map.of("currency", "EUR", "value", BigDecimal.valueOf(payment.amountCents(), 2).toPlainString()));
        body.put("description", payment.description());
        body.put("redirectUrl", payment.returnUrl());
        body.put("webhookUrl", payment.webhookUrl());
        body.put("method", "ideal");
        body.put("metadata", Map.of("paymentId", payment.paymentId().toString()));
        HttpResponse<String> response = http.send(request("/v2/payments")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body))));
        if (response.statusCode() != 201) {
            throw http.refused("create a payment", response);
        }
        JsonNode created = read(response.body());
        return new Started(created.path("id").asText(), created.path("_links").path("checkout").path("href").asText());
    }

    @Override
    public State state(String reference) {
        HttpResponse<String> response = http.send(request("/v2/payments/" + URLEncoder.encode(reference, StandardCharsets.UTF_8)).GET());
        if (response.statusCode() != 200) {
            throw http.refused("tell a payment's status", response);
        }
        JsonNode payment = read(response.body());
        String status = payment.path("status").asText();
        String account = payment.path("details").path("consumerAccount").asText(null);
        return new State(switch (status) {
            case "open" -> PaymentStatus.OPEN;
            case "pending", "authorized" -> PaymentStatus.PENDING;
            case "paid" -> PaymentStatus.PAID;
            case "failed" -> PaymentStatus.FAILED;
            case "canceled" -> PaymentStatus.CANCELED;
            case "expired" -> PaymentStatus.EXPIRED;
            default -> PaymentStatus.UNKNOWN;
        }, AccountMask.iban(account), status);
    }

    private HttpRequest.Builder request(String path) {
        http.requireConfigured(apiKey, "MOLLIE_API_KEY");
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", "Bearer " + apiKey)
                .header("Accept", "application/json");
    }

    private String write(Object body) {
        return JsonBodies.write(json, body);
    }

    private JsonNode read(String body) {
        return JsonBodies.read(json, body, e -> new UnavailableException("Mollie's answer is not readable", e));
    }
}
