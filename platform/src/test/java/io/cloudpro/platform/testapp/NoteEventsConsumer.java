package io.cloudpro.platform.testapp;

import io.cloudpro.platform.events.EventInbox;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Instant;
import java.util.UUID;

/** Reads note events back, as another service would; a note whose text starts with "poison" always fails. */
@ApplicationScoped
public class NoteEventsConsumer {

    public static final String CONSUMER = "platform-test.notes";

    private final EventInbox inbox;
    private final EntityManager entityManager;

    NoteEventsConsumer(EventInbox inbox, EntityManager entityManager) {
        this.inbox = inbox;
        this.entityManager = entityManager;
    }

    @Incoming("notes-in")
    @Blocking
    public void onNoteEvent(ConsumerRecord<String, String> record) {
        inbox.process(CONSUMER, record, event -> {
            if (event.data().path("text").asText().startsWith("poison")) {
                throw new IllegalStateException("this note can never be handled");
            }
            entityManager.createNativeQuery("INSERT INTO note_effect (event_id, note_id, handled_at) VALUES (?1, ?2, ?3)")
                    .setParameter(1, event.id())
                    .setParameter(2, UUID.fromString(event.data().path("noteId").asText()))
                    .setParameter(3, Instant.now())
                    .executeUpdate();
        });
    }
}
