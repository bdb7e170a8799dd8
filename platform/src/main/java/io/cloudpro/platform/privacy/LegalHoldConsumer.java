package io.cloudpro.platform.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudpro.platform.events.EventInbox;
import io.cloudpro.platform.events.IncomingEvent;
import io.cloudpro.platform.events.PoisonEventException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Keeps this service's copy of the legal holds that retention-service places and lifts. */
@ApplicationScoped
public class LegalHoldConsumer {

    private final EventInbox inbox;
    private final LegalHolds holds;
    private final String consumer;
    private final ObjectMapper json;
    private final Map<String, Object> kafkaConfig;

    LegalHoldConsumer(EventInbox inbox, LegalHolds holds, @ConfigProperty(name = "quarkus.application.name") String application,
                      ObjectMapper json, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.inbox = inbox;
        this.holds = holds;
        this.consumer = application + ".legal-holds";
        this.json = json;
        this.kafkaConfig = kafkaConfig;
    }

    @Incoming("retention-holds")
    @Blocking
    public void onHoldEvent(ConsumerRecord<String, String> record) {
        inbox.process(consumer, record, this::apply);
    }

    /**
     * Takes the holds as their topic says they are now, in one transaction: after a restore, the copy
     * in the database is the backup's, and this service's consumer has long read past what changed.
     */
    public void resync() {
        List<IncomingEvent> events = new ArrayList<>();
        CompactedTopics.readAll(kafkaConfig, PrivacyTopics.HOLDS, consumer + "-resync", record -> {
            if (record.value() != null) {
                events.add(IncomingEvent.from(record, json));
            }
        });
        QuarkusTransaction.requiringNew().run(() -> {
            holds.liftAll();
            for (IncomingEvent event : events) {
                try {
                    apply(event);
                } catch (PoisonEventException e) {
                    // went to the dead-letter topic when it came; it places or lifts nothing now either
                }
            }
        });
    }

    private void apply(IncomingEvent event) {
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
