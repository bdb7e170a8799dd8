package io.cloudpro.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A domain registrar's REST API (in the manner of Openprovider's): register a domain with its
 * registrant contact, update the contact, redact it. The registry's Whois policy decides what
 * becomes public: for a .nl domain of a private person SIDN publishes no name or address, a
 * business's name and address are public; other registries publish a business and redact a person
 * (GDPR). A registration sent again with the same {@code clientReference} answers the first one. {@code GET /registrar/v1/whois/{domain}} shows what the public sees.
 */
final class Registrar {

    static final String API_KEY = "simulator-registrar-key";
    private static final String BASE = "/registrar/v1/domains";

    private final Map<String, Map<String, Object>> domains = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final Faults faults;

    Registrar(Faults faults) {
        this.faults = faults;
    }

    void api(HttpExchange exchange) throws IOException {
        if (!("Bearer " + API_KEY).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            Exchanges.json(exchange, 401, Map.of("code", 196, "desc", "Authentication/Authorization Failed"));
            return;
        }
        if (faults.apply(exchange, "registrar")) {
            return;
        }
        String rest = exchange.getRequestURI().getPath().substring(BASE.length());
        String method = exchange.getRequestMethod();
        if (rest.isEmpty() && "POST".equals(method)) {
            register(exchange, Exchanges.body(exchange));
            return;
        }
        String[] parts = rest.substring(1).split("/");
        Map<String, Object> domain = domains.get(parts[0]);
        if (domain == null) {
            Exchanges.json(exchange, 404, Map.of("code", 320, "desc", "Domain not found"));
        } else if (parts.length == 2 && "registrant".equals(parts[1]) && "PUT".equals(method)) {
            contact(domain, Exchanges.body(exchange));
            Exchanges.json(exchange, 200, domain);
        } else if (parts.length == 2 && "registrant".equals(parts[1]) && "DELETE".equals(method)) {
            synchronized (domain) {
                domain.put("registrant", Map.of("type", "REDACTED"));
                domain.put("whois", Map.of("published", false, "fields", List.of()));
            }
            Exchanges.json(exchange, 200, domain);
        } else {
            Exchanges.json(exchange, 200, domain);
        }
    }

    private void register(HttpExchange exchange, JsonNode request) throws IOException {
        String name = request.path("domain").asText().toLowerCase();
        if (!name.matches("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.[a-z]{2,}") || !request.has("registrant")) {
            Exchanges.json(exchange, 422, Map.of("code", 399, "desc", "A valid domain and a registrant are required"));
            return;
        }
        String clientReference = request.path("clientReference").asText(null);
        Map<String, Object> existing = domains.values().stream().filter(d -> name.equals(d.get("domain"))).findFirst().orElse(null);
        if (existing != null && clientReference != null && clientReference.equals(existing.get("clientReference"))) {
            Exchanges.json(exchange, 200, existing); // the same request again: registered already, for this client
            return;
        }
        if (existing != null || name.startsWith("taken")) {
            Exchanges.json(exchange, 409, Map.of("code", 346, "desc", "Domain is already registered"));
            return;
        }
        String id = Long.toString(10_000_000 + sequence.incrementAndGet());
        Map<String, Object> domain = new LinkedHashMap<>();
        domain.put("id", id);
        domain.put("domain", name);
        domain.put("status", "ACT");
        domain.put("registry", registry(name));
        if (clientReference != null) {
            domain.put("clientReference", clientReference);
        }
        domain.put("createdAt", Instant.now().toString());
        domain.put("expiresOn", LocalDate.now().plusYears(Math.max(1, request.path("period").asInt(1))).toString());
        contact(domain, request.get("registrant"));
        domains.put(id, domain);
        Exchanges.json(exchange, 201, domain);
    }

    private static void contact(Map<String, Object> domain, JsonNode registrant) {
        Map<String, Object> contact = Exchanges.JSON.convertValue(registrant, Map.class);
        boolean business = "BUSINESS".equals(registrant.path("type").asText());
        boolean nl = domain.get("domain").toString().endsWith(".nl");
        List<String> published = new ArrayList<>();
        if (business) {
            published.addAll(List.of("company", "street", "postalCode", "city", "country"));
        } else if (!nl) {
            published.add("country");
        }
        synchronized (domain) {
            domain.put("registrant", contact);
            domain.put("whois", Map.of("published", !published.isEmpty(), "fields", published));
            domain.put("updatedAt", Instant.now().toString());
        }
    }

    private static String registry(String name) {
        if (name.endsWith(".nl")) {
            return "SIDN";
        }
        if (name.endsWith(".eu")) {
            return "EURid";
        }
        return name.endsWith(".com") || name.endsWith(".net") ? "Verisign" : "the " + name.substring(name.lastIndexOf('.')) + " registry";
    }

    /** {@code GET /registrar/v1/whois/{domain}}: what the registry's public Whois shows. */
    void whois(HttpExchange exchange) throws IOException {
        String name = exchange.getRequestURI().getPath().substring("/registrar/v1/whois/".length());
        Map<String, Object> domain = domains.values().stream().filter(d -> name.equals(d.get("domain"))).findFirst().orElse(null);
        if (domain == null) {
            Exchanges.json(exchange, 404, Map.of("domain", name, "status", "free"));
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> registrant = (Map<String, Object>) domain.get("registrant");
        @SuppressWarnings("unchecked")
        List<String> fields = (List<String>) ((Map<String, Object>) domain.get("whois")).get("fields");
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("domain", name);
        shown.put("registry", domain.get("registry"));
        Map<String, Object> contact = new LinkedHashMap<>();
        fields.forEach(field -> contact.put(field, registrant.get(field)));
        shown.put("registrant", contact);
        Exchanges.json(exchange, 200, shown);
    }
}
