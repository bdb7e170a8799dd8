package io.cloudpro.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;

/**
 * PayPal's Orders v2 API: an OAuth client-credentials token, {@code POST /v2/checkout/orders}
 * answering an approve link, the buyer approving (or cancelling) on the approval page, and
 * {@code POST /v2/checkout/orders/{id}/capture}. Webhooks (CHECKOUT.ORDER.APPROVED,
 * PAYMENT.CAPTURE.COMPLETED) are signed as PayPal signs them: SHA256withRSA over
 * {@code transmissionId|transmissionTime|webhookId|crc32(body)}, with the certificate at the URL in
 * {@code PAYPAL-CERT-URL} - here a test certificate kept in this module's resources.
 */
final class PayPal {

    static final String CLIENT_ID = "simulator-paypal-client";
    static final String CLIENT_SECRET = "simulator-paypal-secret";
    static final String WEBHOOK_ID = "WH-SIMULATOR-0001";
    static final String CERT_PATH = "/paypal/certs/webhook-test.pem";

    private final Map<String, Map<String, Object>> orders = new ConcurrentHashMap<>();
    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    /** Per order: the webhooks the merchant has answered, as "EVENT.TYPE status". */
    private final Map<String, List<String>> answered = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final Faults faults;
    private final Webhooks webhooks;
    private final String baseUrl;
    private final PrivateKey signingKey;
    private final Certificate certificate;
    private volatile String webhookUrl;

    PayPal(Faults faults, Webhooks webhooks, String baseUrl) {
        this.faults = faults;
        this.webhooks = webhooks;
        this.baseUrl = baseUrl;
        try (InputStream in = PayPal.class.getResourceAsStream("paypal-webhooks.p12")) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, "simulator".toCharArray());
            signingKey = (PrivateKey) store.getKey("paypal-webhooks", "simulator".toCharArray());
            certificate = store.getCertificate("paypal-webhooks");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the webhook test certificate", e);
        }
    }

    /** Where webhooks go: the URL a merchant registers in PayPal's dashboard. */
    void webhookUrl(String url) {
        this.webhookUrl = url;
    }

    void token(HttpExchange exchange) throws IOException {
        String expected = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            Exchanges.json(exchange, 401, Map.of("error", "invalid_client", "error_description", "Client Authentication failed"));
            return;
        }
        String token = "A21AA" + UUID.randomUUID().toString().replace("-", "");
        tokens.put(token, Instant.now().plusSeconds(32400));
        Exchanges.json(exchange, 200, Map.of("scope", "https://uri.paypal.com/services/payments/payment",
                "access_token", token, "token_type", "Bearer", "app_id", "APP-SIMULATOR", "expires_in", 32400));
    }

    /** {@code /v2/checkout/orders}, {@code /v2/checkout/orders/{id}} and {@code .../capture}. */
    void orders(HttpExchange exchange) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer ") || !tokens.containsKey(auth.substring(7))) {
            Exchanges.json(exchange, 401, Map.of("error", "invalid_token"));
            return;
        }
        if (faults.apply(exchange, "paypal")) {
            return;
        }
        String path = exchange.getRequestURI().getPath().substring("/v2/checkout/orders".length());
        if (path.isEmpty() && "POST".equals(exchange.getRequestMethod())) {
            create(exchange, Exchanges.body(exchange));
            return;
        }
        String[] parts = path.substring(1).split("/");
        Map<String, Object> order = orders.get(parts[0]);
        if (order == null) {
            Exchanges.json(exchange, 404, Map.of("name", "RESOURCE_NOT_FOUND", "message", "The specified resource does not exist."));
        } else if (parts.length == 2 && "capture".equals(parts[1]) && "POST".equals(exchange.getRequestMethod())) {
            capture(exchange, order);
        } else {
            Exchanges.json(exchange, 200, order);
        }
    }

    private void create(HttpExchange exchange, JsonNode request) throws IOException {
        JsonNode unit = request.path("purchase_units").path(0);
        if (!"CAPTURE".equals(request.path("intent").asText()) || !unit.path("amount").path("value").asText().matches("\\d+\\.\\d{2}")) {
            Exchanges.json(exchange, 422, Map.of("name", "UNPROCESSABLE_ENTITY", "message", "intent CAPTURE and an amount are required"));
            return;
        }
        String id = String.format("SIM%014d", sequence.incrementAndGet());
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("id", id);
        order.put("intent", "CAPTURE");
        order.put("status", "CREATED");
        order.put("create_time", Instant.now().toString());
        order.put("purchase_units", List.of(Map.of("reference_id", unit.path("reference_id").asText("default"),
                "custom_id", unit.path("custom_id").asText(""), "amount", Map.of("currency_code",
                        unit.path("amount").path("currency_code").asText(), "value", unit.path("amount").path("value").asText()))));
        order.put("links", List.of(
                Map.of("href", baseUrl + "/v2/checkout/orders/" + id, "rel", "self", "method", "GET"),
                Map.of("href", baseUrl + "/checkout/paypal/" + id, "rel", "approve", "method", "GET"),
                Map.of("href", baseUrl + "/v2/checkout/orders/" + id + "/capture", "rel", "capture", "method", "POST")));
        JsonNode context = request.path("application_context");
        order.put("_return_url", context.path("return_url").asText(baseUrl));
        order.put("_cancel_url", context.path("cancel_url").asText(baseUrl));
        orders.put(id, order);
        Exchanges.json(exchange, 201, visible(order));
    }

    private void capture(HttpExchange exchange, Map<String, Object> order) throws IOException {
        synchronized (order) {
            if ("COMPLETED".equals(order.get("status"))) {
                Exchanges.json(exchange, 422, Map.of("name", "UNPROCESSABLE_ENTITY", "details",
                        List.of(Map.of("issue", "ORDER_ALREADY_CAPTURED"))));
                return;
            }
            if (!"APPROVED".equals(order.get("status"))) {
                Exchanges.json(exchange, 422, Map.of("name", "UNPROCESSABLE_ENTITY", "details",
                        List.of(Map.of("issue", "ORDER_NOT_APPROVED"))));
                return;
            }
            order.put("status", "COMPLETED");
            order.put("payer", Map.of("email_address", "buyer@example.com", "payer_id", "SIMPAYER01"));
            order.put("captures", List.of(Map.of("id", "CAP" + order.get("id"), "status", "COMPLETED")));
        }
        Exchanges.json(exchange, 201, visible(order));
        signedWebhook((String) order.get("id"), "PAYMENT.CAPTURE.COMPLETED", "capture", Map.of("id", "CAP" + order.get("id"), "status", "COMPLETED",
                "supplementary_data", Map.of("related_ids", Map.of("order_id", order.get("id")))));
    }

    /** The approval page, where the buyer logs in to PayPal and approves - or cancels. */
    void approval(HttpExchange exchange) throws IOException {
        String id = exchange.getRequestURI().getPath().substring("/checkout/paypal/".length());
        Map<String, Object> order = orders.get(id);
        if (order == null) {
            Exchanges.html(exchange, 404, "<h1>Unknown order</h1>");
            return;
        }
        if ("POST".equals(exchange.getRequestMethod())) {
            boolean approve = "approve".equals(Exchanges.formBody(exchange).get("action"));
            decide(id, approve);
            Exchanges.redirect(exchange, (String) order.get(approve ? "_return_url" : "_cancel_url"));
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> unit = ((List<Map<String, Object>>) order.get("purchase_units")).get(0);
        Exchanges.html(exchange, 200, """
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>PayPal (simulated)</title></head>
                <body style="font-family:sans-serif;max-width:36em;margin:3em auto">
                <h1>PayPal - simulated</h1><p>Pay <strong>%s</strong> to cloudpro.io</p><p>Status now: <strong>%s</strong></p>
                <form method="post"><button name="action" value="approve">Approve</button>
                <button name="action" value="cancel">Cancel</button></form>
                <p><small>Provider simulator: nothing is paid for real.</small></p></body></html>"""
                .formatted(unit.get("amount"), order.get("status")));
    }

    /**
     * {@code POST /simulator/paypal/{id}?action=approve|cancel}: as the approval page, without a browser;
     * {@code GET}: the webhooks about the order the merchant has answered, and how.
     */
    void control(HttpExchange exchange) throws IOException {
        String id = exchange.getRequestURI().getPath().substring("/simulator/paypal/".length());
        Map<String, String> query = Exchanges.form(exchange.getRequestURI().getRawQuery());
        if (!orders.containsKey(id)) {
            Exchanges.problem(exchange, 404, "no order " + id);
            return;
        }
        if ("GET".equals(exchange.getRequestMethod())) {
            Exchanges.json(exchange, 200, Map.of("webhooksAnswered", answered.getOrDefault(id, List.of())));
            return;
        }
        decide(id, "approve".equals(query.get("action")));
        Exchanges.json(exchange, 200, visible(orders.get(id)));
    }

    private void decide(String id, boolean approve) {
        Map<String, Object> order = orders.get(id);
        synchronized (order) {
            if (!"CREATED".equals(order.get("status"))) {
                return;
            }
            order.put("status", approve ? "APPROVED" : "VOIDED");
        }
        if (approve) {
            signedWebhook(id, "CHECKOUT.ORDER.APPROVED", "checkout-order", Map.of("id", id, "status", "APPROVED"));
        }
    }

    /** The certificate webhooks are signed with, PEM-encoded, at {@link #CERT_PATH}. */
    void certificate(HttpExchange exchange) throws IOException {
        try {
            String pem = "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
            Exchanges.send(exchange, 200, "application/x-pem-file", pem.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void signedWebhook(String orderId, String eventType, String resourceType, Map<String, Object> resource) {
        String url = webhookUrl;
        if (url == null) {
            return;
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", "WH-" + UUID.randomUUID().toString().toUpperCase());
        event.put("event_version", "1.0");
        event.put("create_time", Instant.now().toString());
        event.put("resource_type", resourceType);
        event.put("event_type", eventType);
        event.put("summary", eventType);
        event.put("resource", resource);
        try {
            String body = Exchanges.JSON.writeValueAsString(event);
            webhooks.post(url, "application/json", body, sign(body, UUID.randomUUID().toString(), Instant.now().toString()))
                    .thenAccept(status -> answered.computeIfAbsent(orderId, key -> new CopyOnWriteArrayList<>())
                            .add(eventType + " " + status));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The PAYPAL-* headers of a webhook with this body, signed with the test certificate's key. */
    Map<String, String> sign(String body, String transmissionId, String transmissionTime) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.UTF_8));
        String message = transmissionId + "|" + transmissionTime + "|" + WEBHOOK_ID + "|" + crc.getValue();
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(signingKey);
            signature.update(message.getBytes(StandardCharsets.UTF_8));
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("PAYPAL-TRANSMISSION-ID", transmissionId);
            headers.put("PAYPAL-TRANSMISSION-TIME", transmissionTime);
            headers.put("PAYPAL-TRANSMISSION-SIG", Base64.getEncoder().encodeToString(signature.sign()));
            headers.put("PAYPAL-CERT-URL", baseUrl + CERT_PATH);
            headers.put("PAYPAL-AUTH-ALGO", "SHA256withRSA");
            return headers;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The order as the API shows it: without the simulator's own bookkeeping. */
    private static Map<String, Object> visible(Map<String, Object> order) {
        Map<String, Object> shown = new LinkedHashMap<>(order);
        shown.keySet().removeIf(key -> key.startsWith("_"));
        return shown;
    }
}
