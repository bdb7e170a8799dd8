package io.cloudpro.platform.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudpro.platform.events.EventInbox;
import io.cloudpro.platform.events.PoisonEventException;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Instant;
import java.util.UUID;

/** Keeps this service's copy of the legal holds that retention-service places and lifts. */
@ApplicationScoped
public class LegalHoldConsumer {

    private final EventInbox inbox;
    private final LegalHolds holds;
    private final String consumer;

    LegalHoldConsumer(EventInbox inbox, LegalHolds holds, @ConfigProperty(name = "quarkus.application.name") String application) {
        this.inbox = inbox;
        this.holds = holds;
        this.consumer = application + ".legal-holds";
    }

    @Incoming("retention-holds")
    @Blocking
    public void onHoldEvent(ConsumerRecord<String, String> record) {
        inbox.process(consumer, record, event -> {
            JsonNode data = event.data();
            UUID holdId = uuid(data, "holdId", event.id());
            switch (event.type()) {
                case PrivacyTopics.HOLD_PLACED -> holds.place(new LegalHolds.Hold(holdId, optionalUuid(data, "subjectId"),
                        data.hasNonNull("category") ? data.get("category").asText() : null,
                        data.path("reference").asText("unnamed hold"),
                        data.hasNonNull("placedAt") ? Instant.parse(data.get("placedAt").asText()) : event.time()));
                case PrivacyTopics.HOLD_LIFTED -> holds.lift(holdId);
                default -> {
                    // a newer event type this version does not know: nothing to do
                }
            }
        });
    }

    private static UUID uuid(JsonNode data, String field, String eventId) {
        UUID value = optionalUuid(data, field);
        if (value == null) {
            throw new PoisonEventException("hold event " + eventId + " has no " + field);
        }
        return value;
    }

    private static UUID optionalUuid(JsonNode data, String field) {
        try {
            return data.hasNonNull(field) ? UUID.fromString(data.get(field).asText()) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
