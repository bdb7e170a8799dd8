package io.cloudpro.order;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cloudpro.testsupport.TestTokens;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * identity-service as order-service meets it, over real HTTP: it hands out service tokens and
 * answers billing details of the accounts a test registers. It can be taken away (503). The real
 * identity-service plays this part in the system tests.
 */
final class IdentityStub {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static IdentityStub instance;

    private final HttpServer server;
    private final Map<UUID, Map<String, Object>> billing = new ConcurrentHashMap<>();
    private final AtomicInteger billingCalls = new AtomicInteger();
    private volatile boolean down;

    private IdentityStub(HttpServer server) {
        this.server = server;
    }

    static synchronized IdentityStub get() {
        if (instance == null) {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
                instance = new IdentityStub(server);
                server.createContext("/api/v1/auth/service-token", instance::serviceToken);
                server.createContext("/api/v1/billing/accounts/", instance::billing);
                server.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** A private person in the Netherlands. */
    void person(String accountId, String name) {
        register(accountId, name, null);
    }

    /** A business: its name, address, VAT id and KvK number. */
    void business(String accountId, String name, String company, String country, String vatId, String kvkNumber) {
        Map<String, Object> business = new LinkedHashMap<>();
        business.put("name", company);
        business.put("address", address("Handelsweg 7", "DE".equals(country) ? "10115" : "3511 AA",
                "DE".equals(country) ? "Berlin" : "Utrecht", country));
        business.put("vatId", vatId);
        business.put("kvkNumber", kvkNumber);
        register(accountId, name, business);
    }

    private void register(String accountId, String name, Map<String, Object> company) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("accountId", accountId);
        details.put("name", name);
        details.put("address", address("Dorpsstraat 1", "5042 AB", "Tilburg", "NL"));
        details.put("company", company);
        billing.put(UUID.fromString(accountId), details);
    }

    /** The person moved (as identity-service would have it after a correction). */
    @SuppressWarnings("unchecked")
    void moved(String accountId, String street) {
        Map<String, Object> details = billing.get(UUID.fromString(accountId));
        Map<String, Object> address = new LinkedHashMap<>((Map<String, Object>) details.get("address"));
        address.put("street", street);
        details.put("address", address);
    }

    private static Map<String, Object> address(String street, String postalCode, String city, String country) {
        return Map.of("street", street, "postalCode", postalCode, "city", city, "country", country);
    }

    void down(boolean down) {
        this.down = down;
    }

    int billingCalls() {
        return billingCalls.get();
    }

    private void serviceToken(HttpExchange exchange) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        if (!"test-only-service-secret".equals(body.path("clientSecret").asText())) {
            respond(exchange, 401, Map.of("status", 401));
            return;
        }
        String token = TestTokens.staff("service").subject(body.path("clientId").asText()).build();
        respond(exchange, 200, Map.of("accessToken", token, "tokenType", "Bearer", "expiresIn", 600));
    }

    private void billing(HttpExchange exchange) throws IOException {
        billingCalls.incrementAndGet();
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (down) {
            respond(exchange, 503, Map.of("status", 503));
        } else if (auth == null || !auth.startsWith("Bearer ")) {
            respond(exchange, 401, Map.of("status", 401));
        } else {
            UUID id = UUID.fromString(exchange.getRequestURI().getPath().substring("/api/v1/billing/accounts/".length()));
            Map<String, Object> details = billing.get(id);
            respond(exchange, details == null ? 404 : 200, details == null ? Map.of("status", 404) : details);
        }
    }

    private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
        exchange.close();
    }
}
