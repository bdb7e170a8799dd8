package io.cloudpro.order.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudpro.order.domain.PaymentProvider;
import io.cloudpro.order.domain.PaymentStatus;
import io.cloudpro.order.service.PaymentGateway;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;

/**
 * PayPal's Orders v2 API: an OAuth token from the client credentials, create the order (intent
 * CAPTURE) and send the payer to its approve link, capture once approved. A webhook is trusted only
 * after its signature checks out: SHA256withRSA over
 * {@code transmissionId|transmissionTime|webhookId|crc32(body)} with the certificate named in
 * {@code PAYPAL-CERT-URL} - fetched only from PayPal's own certificate address - and even then it is
 * only a reason to read the order back.
 */
@ApplicationScoped
public class PayPalPaymentGateway implements PaymentGateway {

    private static final Logger LOG = Logger.getLogger(PayPalPaymentGateway.class);

    private final ObjectMapper json;
    private final String baseUrl;
    private final String clientId;
    private final String clientSecret;
    private final String webhookId;
    private final String certUrlPrefix;
    private final ProviderHttp http = new ProviderHttp("PayPal");
    private final Map<String, X509Certificate> certificates = new ConcurrentHashMap<>();
    private volatile String token;
    private volatile Instant tokenRenewAt = Instant.EPOCH;

    PayPalPaymentGateway(ObjectMapper json, @ConfigProperty(name = "order.paypal.url") String baseUrl,
                         @ConfigProperty(name = "order.paypal.client-id") String clientId,
                         @ConfigProperty(name = "order.paypal.client-secret") String clientSecret,
                         @ConfigProperty(name = "order.paypal.webhook-id") String webhookId,
                         @ConfigProperty(name = "order.paypal.cert-url-prefix") String certUrlPrefix) {
        this.json = json;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.webhookId = webhookId;
        this.certUrlPrefix = certUrlPrefix;
    }

    @Override
    public PaymentProvider provider() {
        return PaymentProvider.PAYPAL;
    }

    @Override
    public Started start(Start payment) {
        Map<String, Object> unit = new LinkedHashMap<>();
        unit.put("reference_id", payment.paymentId().toString());
        unit.put("custom_id", payment.paymentId().toString());
        unit.put("description", payment.description());
        unit.put("amount", Map.of("currency_code", "EUR", "value", BigDecimal.valueOf(payment.amountCents(), 2).toPlainString()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("intent", "CAPTURE");
        body.put("purchase_units", List.of(unit));
        body.put("application_context", Map.of("return_url", payment.returnUrl(), "cancel_url", payment.returnUrl(),
                "shipping_preference", "NO_SHIPPING", "user_action", "PAY_NOW"));
        HttpResponse<String> response = http.send(authorized("/v2/checkout/orders")
                .header("Content-Type", "application/json")
                .header("PayPal-Request-Id", payment.paymentId().toString()) // PayPal's own idempotency key
                .POST(HttpRequest.BodyPublishers.ofString(write(body))));
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw http.refused("create an order", response);
        }
        JsonNode order = read(response.body());
        String approve = null;
        for (JsonNode link : order.path("links")) {
            if ("approve".equals(link.path("rel").asText()) || "payer-action".equals(link.path("rel").asText())) {
                approve = link.path("href").asText();
            }
        }
        return new Started(order.path("id").asText(), approve);
    }

    @Override
    public State state(String reference) {
        HttpResponse<String> response = http.send(authorized("/v2/checkout/orders/" + encode(reference)).GET());
        if (response.statusCode() != 200) {
            throw http.refused("tell an order's status", response);
        }
        return state(read(response.body()));
    }

    @Override
    public State capture(String reference) {
        HttpResponse<String> response = http.send(authorized("/v2/checkout/orders/" + encode(reference) + "/capture")
                .header("Content-Type", "application/json")
                .header("PayPal-Request-Id", "capture-" + reference)
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        if (response.statusCode() == 201 || response.statusCode() == 200) {
            return state(read(response.body()));
        }
        // captured before (a second capture is refused) or not approved: the order itself says which
        return state(reference);
    }

    private static State state(JsonNode order) {
        String status = order.path("status").asText();
        return new State(switch (status) {
            case "CREATED", "SAVED", "PAYER_ACTION_REQUIRED" -> PaymentStatus.OPEN;
            case "APPROVED" -> PaymentStatus.PENDING;
            case "COMPLETED" -> PaymentStatus.PAID;
            case "VOIDED" -> PaymentStatus.CANCELED;
            default -> PaymentStatus.UNKNOWN;
        }, null, status);
    }

    @Override
    public Optional<Webhook> verify(Map<String, String> headers, String body) {
        String transmissionId = headers.get("paypal-transmission-id");
        String time = headers.get("paypal-transmission-time");
        String signature = headers.get("paypal-transmission-sig");
        String certUrl = headers.get("paypal-cert-url");
        if (ProviderHttp.NOT_CONFIGURED.equals(webhookId) || transmissionId == null || time == null || signature == null || certUrl == null
                || !"SHA256withRSA".equals(headers.get("paypal-auth-algo")) || !certUrl.startsWith(certUrlPrefix)) {
            return Optional.empty();
        }
        try {
            X509Certificate certificate = certificate(certUrl);
            certificate.checkValidity();
            CRC32 crc = new CRC32();
            crc.update(body.getBytes(StandardCharsets.UTF_8));
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(certificate.getPublicKey());
            verifier.update((transmissionId + "|" + time + "|" + webhookId + "|" + crc.getValue()).getBytes(StandardCharsets.UTF_8));
            if (!verifier.verify(Base64.getDecoder().decode(signature))) {
                return Optional.empty();
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            LOG.warnf("PayPal webhook %s not verifiable: %s", transmissionId, e.getClass().getSimpleName());
            return Optional.empty();
        }
        JsonNode event = read(body);
        JsonNode resource = event.path("resource");
        String orderId = "checkout-order".equals(event.path("resource_type").asText()) ? resource.path("id").asText(null)
                : resource.path("supplementary_data").path("related_ids").path("order_id").asText(null);
        return Optional.of(new Webhook(event.path("id").asText(), event.path("event_type").asText(), orderId));
    }

    private X509Certificate certificate(String url) throws GeneralSecurityException {
        X509Certificate known = certificates.get(url);
        if (known != null) {
            return known;
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET());
        if (response.statusCode() != 200) {
            throw new GeneralSecurityException("certificate not available: HTTP " + response.statusCode());
        }
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(response.body().getBytes(StandardCharsets.US_ASCII)));
        certificates.put(url, certificate);
        return certificate;
    }

    private HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", "Bearer " + token())
                .header("Accept", "application/json");
    }

    private synchronized String token() {
        if (token == null || Instant.now().isAfter(tokenRenewAt)) {
            http.requireConfigured(clientSecret, "PAYPAL_CLIENT_ID and PAYPAL_CLIENT_SECRET");
            String basic = Base64.getEncoder().encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/v1/oauth2/token"))
                    .header("Authorization", "Basic " + basic)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));
            if (response.statusCode() != 200) {
                throw http.refused("issue a token", response);
            }
            JsonNode answer = read(response.body());
            token = answer.path("access_token").asText();
            tokenRenewAt = Instant.now().plusSeconds(Math.max(60, answer.path("expires_in").asLong(600) - 300));
        }
        return token;
    }

    private static String encode(String reference) {
        return URLEncoder.encode(reference, StandardCharsets.UTF_8);
    }

    private String write(Object body) {
        return JsonBodies.write(json, body);
    }

    private JsonNode read(String body) {
        return JsonBodies.read(json, body, e -> new UnavailableException("PayPal's answer is not readable", e));
    }
}
