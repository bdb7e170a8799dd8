package io.cloudpro.order.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudpro.order.service.DomainRegistrar;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link DomainRegistrar} over the registrar's REST API ({@code /domains}, {@code /domains/{id}/registrant}). */
@ApplicationScoped
public class HttpDomainRegistrar implements DomainRegistrar {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json;
    private final String baseUrl;
    private final String apiKey;

    HttpDomainRegistrar(ObjectMapper json, @ConfigProperty(name = "order.registrar.url") String baseUrl,
                        @ConfigProperty(name = "order.registrar.api-key") String apiKey) {
        this.json = json;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.apiKey = apiKey;
    }

    @Override
    public Registered register(String domain, Registrant registrant, String clientReference) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("domain", domain);
        body.put("clientReference", clientReference);
        body.put("period", 1);
        body.put("registrant", contact(registrant));
        HttpResponse<String> response = send(request("/domains").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body))));
        if (response.statusCode() == 409 || response.statusCode() == 422) {
            throw new RefusedException("the registry refused " + domain + ": " + read(response.body()).path("desc").asText());
        }
        return registered(response, "register " + domain);
    }

    @Override
    public Registered updateRegistrant(String reference, Registrant registrant) {
        HttpResponse<String> response = send(request("/domains/" + encode(reference) + "/registrant")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(write(contact(registrant)))));
        return registered(response, "update the registrant of " + reference);
    }

    @Override
    public void redactRegistrant(String reference) {
        HttpResponse<String> response = send(request("/domains/" + encode(reference) + "/registrant").DELETE());
        if (response.statusCode() != 200 && response.statusCode() != 204 && response.statusCode() != 404) {
            throw new UnavailableException("the registrar answered HTTP " + response.statusCode(), null);
        }
    }

    private Registered registered(HttpResponse<String> response, String what) {
        if (response.statusCode() != 200 && response.statusCode() != 201) {
            throw new UnavailableException("the registrar could not " + what + ": HTTP " + response.statusCode(), null);
        }
        JsonNode domain = read(response.body());
        List<String> fields = new ArrayList<>();
        domain.path("whois").path("fields").forEach(field -> fields.add(field.asText()));
        return new Registered(domain.path("id").asText(), domain.path("registry").asText(),
                domain.path("whois").path("published").asBoolean(), fields);
    }

    private static Map<String, Object> contact(Registrant registrant) {
        Map<String, Object> contact = new LinkedHashMap<>();
        contact.put("type", registrant.type().name());
        contact.put("name", registrant.name());
        if (registrant.company() != null) {
            contact.put("company", registrant.company());
        }
        contact.put("street", registrant.street());
        contact.put("postalCode", registrant.postalCode());
        contact.put("city", registrant.city());
        contact.put("country", registrant.country());
        return contact;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + apiKey)
                .header("Accept", "application/json");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 500 || response.statusCode() == 401 || response.statusCode() == 429) {
                throw new UnavailableException("the registrar answered HTTP " + response.statusCode(), null);
            }
            return response;
        } catch (IOException e) {
            throw new UnavailableException("the registrar did not answer: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while calling the registrar", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private String write(Object body) {
        return JsonBodies.write(json, body);
    }

    private JsonNode read(String body) {
        return JsonBodies.read(json, body, e -> new UnavailableException("the registrar's answer is not readable", e));
    }
}
