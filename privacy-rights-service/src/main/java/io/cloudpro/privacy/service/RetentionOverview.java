package io.cloudpro.privacy.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudpro.platform.client.ServiceCallException;
import io.cloudpro.platform.privacy.Catalogue;
import io.cloudpro.privacy.client.BearerHttp;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * retention-service's side of the officer's pages - legal holds, the dry run of the coming purges,
 * the overdue ones - read and changed through its own API with the officer's token, so its rules
 * and roles apply unchanged. Its address is the one its catalogue publishes.
 */
@ApplicationScoped
public class RetentionOverview {

    static final String RETENTION = "retention-service";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** Active holds, what the next {@code days} purge, and what is overdue: retention-service's JSON. */
    public record Overview(JsonNode holds, JsonNode dryRun, JsonNode overdue) {
    }

    private final BearerHttp http;
    private final CatalogueRegistry registry;

    RetentionOverview(BearerHttp http, CatalogueRegistry registry) {
        this.http = http;
        this.registry = registry;
    }

    public Overview read(PortalSessions.Visitor officer, int days) {
        BearerHttp.Answer holds = get(officer, "/api/v1/retention/holds?active=true");
        BearerHttp.Answer dryRun = get(officer, "/api/v1/retention/dry-run?days=" + days);
        BearerHttp.Answer overdue = get(officer, "/api/v1/retention/overdue");
        if (!holds.ok() || !dryRun.ok() || !overdue.ok()) {
            throw new ServiceCallException("retention-service answered the officer's reads with HTTP " + holds.status() + ", "
                    + dryRun.status() + " and " + overdue.status());
        }
        return new Overview(holds.body(), dryRun.body(), overdue.body());
    }

    /** Places a hold on a subject or a category (or both); empty when placed, else retention-service's reason. */
    public Optional<String> placeHold(PortalSessions.Visitor officer, UUID subjectId, String category, String reference,
                                      String reason) {
        Map<String, Object> hold = new LinkedHashMap<>();
        if (subjectId != null) {
            hold.put("subjectId", subjectId.toString());
        }
        if (category != null) {
            hold.put("category", category);
        }
        hold.put("reference", reference);
        hold.put("reason", reason);
        return refusal(http.send("POST", uri("/api/v1/retention/holds"), officer.accessToken(), hold, Map.of(), TIMEOUT));
    }

    public Optional<String> liftHold(PortalSessions.Visitor officer, UUID holdId, String reason) {
        return refusal(http.send("POST", uri("/api/v1/retention/holds/" + holdId + "/lift"), officer.accessToken(),
                Map.of("reason", reason), Map.of(), TIMEOUT));
    }

    /** Records purged per category over the last hundred receipts, largest first. */
    public Map<String, Long> purgedPerCategory(PortalSessions.Visitor officer) {
        BearerHttp.Answer receipts = get(officer, "/api/v1/retention/receipts?size=100");
        if (!receipts.ok()) {
            throw new ServiceCallException("retention-service answered the officer's receipts read with HTTP " + receipts.status());
        }
        Map<String, Long> purged = new java.util.TreeMap<>();
        for (JsonNode receipt : receipts.body().path("items")) {
            purged.merge(receipt.path("category").asText(), receipt.path("purged").asLong(), Long::sum);
        }
        Map<String, Long> largestFirst = new LinkedHashMap<>();
        purged.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> largestFirst.put(e.getKey(), e.getValue()));
        return largestFirst;
    }

    private BearerHttp.Answer get(PortalSessions.Visitor officer, String path) {
        return http.send("GET", uri(path), officer.accessToken(), null, Map.of(), TIMEOUT);
    }

    private static Optional<String> refusal(BearerHttp.Answer answer) {
        if (answer.ok()) {
            return Optional.empty();
        }
        if (answer.status() >= 500) {
            throw new ServiceCallException("retention-service answered with HTTP " + answer.status());
        }
        JsonNode errors = answer.body().path("errors");
        return Optional.of(errors.isArray() && !errors.isEmpty() ? errors.get(0).path("field").asText() + ": "
                + errors.get(0).path("message").asText() : answer.body().path("detail").asText("not accepted"));
    }

    private URI uri(String path) {
        String base = registry.of(RETENTION).map(Catalogue::baseUrl)
                .orElseThrow(() -> new ServiceCallException("retention-service has not published its catalogue (its address) yet"));
        return URI.create(base.replaceAll("/+$", "") + path);
    }
}
