package io.cloudpro.platform.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Makes a Kafka consumer idempotent. For each record it opens a transaction, records
 * (consumer, event id) in {@code processed_event}, and runs the handler in that same transaction:
 * the handler's effect and the "seen" mark commit together, so a redelivered event finds the mark
 * and has no second effect.
 * <p>
 * A handler that fails is retried a few times; if it keeps failing, {@link #process} throws and the
 * channel's dead-letter strategy moves the record to the dead-letter topic, so the consumer goes on
 * with the next one. Use it from a blocking {@code @Incoming} method:
 *
 * <pre>{@code
 * @Incoming("identity-events") @Blocking
 * void onIdentityEvent(ConsumerRecord<String, String> record) {
 *     inbox.process("retention.identity-events", record, event -> ...);
 * }
 * }</pre>
 */
@ApplicationScoped
public class EventInbox {

    private static final Logger LOG = Logger.getLogger(EventInbox.class);

    private final EntityManager entityManager;
    private final ObjectMapper json;
    private final EventsConfig config;
    private final MeterRegistry meters;

    EventInbox(EntityManager entityManager, ObjectMapper json, EventsConfig config, MeterRegistry meters) {
        this.entityManager = entityManager;
        this.json = json;
        this.config = config;
        this.meters = meters;
    }

    /**
     * Handles the record once per consumer.
     *
     * @return false when the event had been processed before and was skipped
     * @throws EventProcessingException when every attempt failed (the record goes to the dead-letter topic)
     */
    public boolean process(String consumer, ConsumerRecord<String, String> record, EventHandler handler) {
        IncomingEvent event;
        try {
            event = IncomingEvent.from(record, json);
        } catch (PoisonEventException e) {
            meters.counter("cloudpro.events.dead-lettered", "consumer", consumer).increment();
            LOG.errorf("Consumer %s rejects a record from %s-%d@%d: %s", consumer, record.topic(),
                    record.partition(), record.offset(), e.getMessage());
            throw e;
        }
        int attempts = Math.max(1, config.consumer().attempts());
        Duration backoff = config.consumer().initialBackoff();
        for (int attempt = 1; ; attempt++) {
            try {
                boolean handled = QuarkusTransaction.requiringNew().call(() -> {
                    if (!markProcessed(consumer, event.id())) {
                        return false;
                    }
                    handler.handle(event);
                    return true;
                });
                if (!handled) {
                    meters.counter("cloudpro.events.duplicates", "consumer", consumer).increment();
                    LOG.debugf("Consumer %s skips event %s: processed before", consumer, event.id());
                }
                return handled;
            } catch (RuntimeException e) {
                if (attempt >= attempts || isPoison(e)) {
                    return giveUp(consumer, event, e);
                }
                LOG.warnf("Consumer %s failed on event %s (%s), attempt %d of %d", consumer, event.id(),
                        e.getClass().getSimpleName(), attempt, attempts);
                sleep(backoff);
                backoff = backoff.multipliedBy(2);
            }
        }
    }

    private boolean giveUp(String consumer, IncomingEvent event, RuntimeException cause) {
        meters.counter("cloudpro.events.dead-lettered", "consumer", consumer).increment();
        LOG.errorf("Consumer %s gives up on event %s of type %s (%s); it goes to the dead-letter topic",
                consumer, event.id(), event.type(), cause.getClass().getSimpleName());
        throw new EventProcessingException(consumer, event.id(), cause);
    }

    private static boolean isPoison(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PoisonEventException) {
                return true;
            }
        }
        return false;
    }

    /** Inserts the "seen" mark; false when it was there already. */
    private boolean markProcessed(String consumer, String eventId) {
        int inserted = entityManager.createNativeQuery("""
                        INSERT INTO processed_event (consumer, event_id, processed_at)
                        VALUES (?1, ?2, now())
                        ON CONFLICT DO NOTHING""")
                .setParameter(1, consumer)
                .setParameter(2, eventId)
                .executeUpdate();
        return inserted == 1;
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }
}
