package io.cloudpro.privacy.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudpro.platform.client.ServiceCallException;
import io.cloudpro.privacy.client.BearerHttp;
import io.cloudpro.privacy.config.PrivacyRightsConfig;
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
 * and roles apply unchanged, at the address configured for it (RETENTION_URL). A refusal there (401,
 * 403) is a {@link Refused}; an outage a {@link ServiceCallException}.
 */
@ApplicationScoped
public class RetentionOverview {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** Active holds, what the next {@code days} purge, and what is overdue: retention-service's JSON. */
    public record Overview(JsonNode holds, JsonNode dryRun, JsonNode overdue) {
    }

    /** retention-service refused the officer's read: their role or token is not accepted there. */
    public static final class Refused extends RuntimeException {
        public Refused(int status) {
            super("retention-service refused the officer's read with HTTP " + status, null, false, false);
        }
    }

    private final BearerHttp http;
    private final String base;

    RetentionOverview(BearerHttp http, PrivacyRightsConfig config) {
        this.http = http;
        this.base = config.portal().retentionUrl().replaceAll("/+$", "");
    }

    public Overview read(PortalSessions.Visitor officer, int days) {
        BearerHttp.Answer holds = get(officer, "/api/v1/retention/holds?active=true");
        BearerHttp.Answer dryRun = get(officer, "/api/v1/retention/dry-run?days=" + days);
        BearerHttp.Answer overdue = get(officer, "/api/v1/retention/overdue");
        for (BearerHttp.Answer answer : java.util.List.of(holds, dryRun, overdue)) {
            readable(answer);
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
        readable(receipts);
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

    /** A list (or a page of one) as asked for; a refusal or an outage otherwise. */
    private static void readable(BearerHttp.Answer answer) {
        if (answer.status() == 401 || answer.status() == 403) {
            throw new Refused(answer.status());
        }
        if (!answer.ok() || !(answer.body().isArray() || answer.body().path("items").isArray())) {
            throw new ServiceCallException("retention-service answered the officer's read with HTTP " + answer.status());
        }
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
        return URI.create(base + path);
    }
}
