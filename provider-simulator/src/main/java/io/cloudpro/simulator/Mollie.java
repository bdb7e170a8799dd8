package io.cloudpro.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An iDEAL provider with Mollie's Payments API: {@code POST /v2/payments} answers a checkout URL;
 * on the checkout page a person (or a test, through {@code POST /simulator/mollie/{id}}) pays,
 * fails, cancels or lets the payment expire. Then Mollie's webhook is posted - a form with only the
 * payment's id - and {@code GET /v2/payments/{id}} tells the status; a paid iDEAL payment's details
 * carry the payer's full IBAN, as Mollie's do.
 */
final class Mollie {

    static final String API_KEY = "test_simulatorMollieKey0000000000";
    /** The account every simulated iDEAL payment is paid from. */
    static final String PAYER_IBAN = "NL02ABNA0123456789";
    private static final Set<String> FINAL = Set.of("paid", "failed", "canceled", "expired");

    private final Map<String, Map<String, Object>> payments = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final Faults faults;
    private final Webhooks webhooks;
    private final String baseUrl;

    Mollie(Faults faults, Webhooks webhooks, String baseUrl) {
        this.faults = faults;
        this.webhooks = webhooks;
        this.baseUrl = baseUrl;
    }

    /** {@code /v2/payments} and {@code /v2/payments/{id}}. */
    void api(HttpExchange exchange) throws IOException {
        if (!("Bearer " + API_KEY).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            Exchanges.problem(exchange, 401, "Missing or invalid API key");
            return;
        }
        if (faults.apply(exchange, "mollie")) {
            return;
        }
        String path = exchange.getRequestURI().getPath();
        if ("POST".equals(exchange.getRequestMethod()) && path.equals("/v2/payments")) {
            create(exchange, Exchanges.body(exchange));
        } else if ("GET".equals(exchange.getRequestMethod()) && path.startsWith("/v2/payments/")) {
            Map<String, Object> payment = payments.get(path.substring("/v2/payments/".length()));
            if (payment == null) {
                Exchanges.problem(exchange, 404, "No payment exists with token " + path.substring(13));
            } else {
                Exchanges.json(exchange, 200, payment);
            }
        } else {
            Exchanges.problem(exchange, 404, "no such endpoint");
        }
    }

    private void create(HttpExchange exchange, JsonNode request) throws IOException {
        String value = request.path("amount").path("value").asText();
        if (!"EUR".equals(request.path("amount").path("currency").asText()) || !value.matches("\\d+\\.\\d{2}")
                || !request.hasNonNull("redirectUrl")) {
            Exchanges.problem(exchange, 422, "The amount (EUR, two decimals) and redirectUrl are required");
            return;
        }
        String id = "tr_sim" + Long.toString(sequence.incrementAndGet(), 36) + Long.toString(System.nanoTime() % 1_000_000, 36);
        Map<String, Object> payment = new LinkedHashMap<>();
        payment.put("resource", "payment");
        payment.put("id", id);
        payment.put("mode", "test");
        payment.put("createdAt", Instant.now().toString());
        payment.put("status", "open");
        payment.put("amount", Map.of("value", value, "currency", "EUR"));
        payment.put("description", request.path("description").asText());
        payment.put("method", request.path("method").asText("ideal"));
        payment.put("metadata", request.path("metadata"));
        payment.put("redirectUrl", request.get("redirectUrl").asText());
        if (request.hasNonNull("webhookUrl")) {
            payment.put("webhookUrl", request.get("webhookUrl").asText());
        }
        payment.put("_links", Map.of(
                "self", Map.of("href", baseUrl + "/v2/payments/" + id, "type", "application/hal+json"),
                "checkout", Map.of("href", baseUrl + "/checkout/mollie/" + id, "type", "text/html")));
        payments.put(id, payment);
        Exchanges.json(exchange, 201, payment);
    }

    /** The hosted checkout page: choose what the bank says. */
    void checkout(HttpExchange exchange) throws IOException {
        String id = exchange.getRequestURI().getPath().substring("/checkout/mollie/".length());
        Map<String, Object> payment = payments.get(id);
        if (payment == null) {
            Exchanges.html(exchange, 404, "<h1>Unknown payment</h1>");
            return;
        }
        if ("POST".equals(exchange.getRequestMethod())) {
            settle(id, Exchanges.formBody(exchange).getOrDefault("status", "paid"), true);
            Exchanges.redirect(exchange, (String) payment.get("redirectUrl"));
            return;
        }
        StringBuilder buttons = new StringBuilder();
        for (String status : List.of("paid", "failed", "canceled", "expired")) {
            buttons.append("<button name=\"status\" value=\"").append(status).append("\">").append(status).append("</button> ");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> amount = (Map<String, Object>) payment.get("amount");
        Exchanges.html(exchange, 200, """
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>iDEAL (simulated)</title></head>
                <body style="font-family:sans-serif;max-width:36em;margin:3em auto">
                <h1>iDEAL - simulated bank</h1>
                <p>%s</p><p><strong>EUR %s</strong> from account %s</p>
                <p>Status now: <strong>%s</strong></p>
                <form method="post">%s</form>
                <p><small>Provider simulator: nothing is paid for real.</small></p></body></html>"""
                .formatted(Exchanges.escape((String) payment.get("description")), amount.get("value"), PAYER_IBAN,
                        payment.get("status"), FINAL.contains(payment.get("status")) ? "" : buttons));
    }

    /**
     * {@code POST /simulator/mollie/{id}?status=..}: as the checkout page, without a browser
     * ({@code &webhook=false}: a webhook that never arrives); without a status the webhook is sent again,
     * and this answers once the service has answered it.
     */
    void control(HttpExchange exchange) throws IOException {
        String id = exchange.getRequestURI().getPath().substring("/simulator/mollie/".length());
        Map<String, String> query = Exchanges.form(exchange.getRequestURI().getRawQuery());
        if (!payments.containsKey(id)) {
            Exchanges.problem(exchange, 404, "no payment " + id);
            return;
        }
        if (query.containsKey("status")) {
            settle(id, query.get("status"), !"false".equals(query.get("webhook")));
        } else {
            webhook(id).join();
        }
        Exchanges.json(exchange, 200, payments.get(id));
    }

    private void settle(String id, String status, boolean sendWebhook) {
        Map<String, Object> payment = payments.get(id);
        synchronized (payment) {
            if (FINAL.contains(payment.get("status"))) {
                return;
            }
            payment.put("status", status);
            if ("paid".equals(status)) {
                payment.put("paidAt", Instant.now().toString());
                payment.put("details", Map.of("consumerName", "T. Tester", "consumerAccount", PAYER_IBAN,
                        "consumerBic", "ABNANL2A"));
            } else {
                payment.put(status + "At", Instant.now().toString());
            }
        }
        if (sendWebhook) {
            webhook(id);
        }
    }

    /** Posts the webhook in the background; the future completes with the service's HTTP status. */
    private CompletableFuture<Integer> webhook(String id) {
        Object url = payments.get(id).get("webhookUrl");
        if (url == null) {
            return CompletableFuture.completedFuture(-1);
        }
        return webhooks.post(url.toString(), "application/x-www-form-urlencoded",
                "id=" + URLEncoder.encode(id, StandardCharsets.UTF_8), Map.of());
    }

    String status(String id) {
        Map<String, Object> payment = payments.get(id);
        return payment == null ? null : (String) payment.get("status");
    }
}
