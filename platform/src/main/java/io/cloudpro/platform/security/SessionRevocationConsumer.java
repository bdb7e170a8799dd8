package io.cloudpro.platform.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudpro.platform.events.EventInbox;
import io.cloudpro.platform.events.PoisonEventException;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * Every service reads identity-service's session revocations ({@value #TOPIC}) through the
 * idempotent inbox and keeps them until the session's last access token has expired.
 */
@ApplicationScoped
public class SessionRevocationConsumer {

    public static final String TOPIC = "identity.sessions";
    public static final String SESSION_REVOKED = "io.cloudpro.identity.session.revoked.v1";

    private final EventInbox inbox;
    private final RevokedSessions revoked;
    private final String consumer;

    SessionRevocationConsumer(EventInbox inbox, RevokedSessions revoked,
                              @ConfigProperty(name = "quarkus.application.name") String application) {
        this.inbox = inbox;
        this.revoked = revoked;
        this.consumer = application + ".session-revocations";
    }

    @Incoming("identity-sessions")
    @Blocking
    public void onSessionEvent(ConsumerRecord<String, String> record) {
        inbox.process(consumer, record, event -> {
            if (!SESSION_REVOKED.equals(event.type())) {
                return; // a newer event type this version does not know: nothing to do
            }
            JsonNode data = event.data();
            try {
                UUID session = UUID.fromString(data.path("sessionId").asText());
                Instant revokedAt = Instant.parse(data.path("revokedAt").asText());
                Instant forgetAfter = Instant.parse(data.path("tokensExpireBy").asText());
                if (forgetAfter.isAfter(Instant.now())) {
                    revoked.add(session, revokedAt, forgetAfter);
                }
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw new PoisonEventException("session revocation " + event.id() + " lacks sessionId, revokedAt or tokensExpireBy");
            }
        });
    }
}
