package io.cloudpro.platform.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cloudpro.platform.time.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.util.Objects;
import java.util.UUID;

/**
 * Where services put the events they publish. {@link #publish} stores the event in the caller's
 * transaction; the {@link OutboxRelay} sends it to Kafka after the commit. If the transaction rolls
 * back, the event never existed; if the process dies after the commit, the relay sends it later.
 */
@ApplicationScoped
public class EventOutbox {

    /**
     * Payloads are written by a mapper of their own, not the application's: that one carries the
     * serializers Quarkus generates for REST return types, which write absent fields as null where a
     * record says to leave them out - and an event's schema is the contract, whatever REST does.
     */
    static final ObjectMapper EVENT_JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new Jdk8Module())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private final OutboxRepository outbox;
    private final EventsConfig config;
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxRelay relay;

    EventOutbox(OutboxRepository outbox, EventsConfig config,
                TransactionSynchronizationRegistry transactions, OutboxRelay relay) {
        this.outbox = outbox;
        this.config = config;
        this.transactions = transactions;
        this.relay = relay;
    }

    /**
     * Records an event about one data subject.
     * <p>
     * The subject is locked until the transaction ends: a second transaction about the same subject
     * waits here, so per subject the outbox order is the commit order and the relay, which sends in
     * outbox order, publishes in commit order. (Ids alone would not do: they are handed out at
     * insert, and a later id can commit first.)
     *
     * @param topic     the Kafka topic
     * @param type      the CloudEvents type, e.g. {@code io.cloudpro.identity.account.registered.v1}
     * @param subjectId the data subject's id: record key and CloudEvents {@code subject}
     * @param data      the payload, serialised as JSON
     * @return the event's id
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID publish(String topic, String type, String subjectId, Object data) {
        if (!config.produces().contains(topic)) {
            throw new IllegalArgumentException("topic " + topic + " is not among cloudpro.events.produces " + config.produces()
                    + ": declare it there, so that deploy/ gives this service the topic and its ACL");
        }
        OutboxEvent event = new OutboxEvent();
        event.eventId = UUID.randomUUID();
        event.topic = Objects.requireNonNull(topic, "topic");
        event.type = Objects.requireNonNull(type, "type");
        event.key = Objects.requireNonNull(subjectId, "subjectId");
        event.subject = subjectId;
        event.source = config.source();
        event.occurredAt = Timestamps.now();
        event.payload = toJson(data);
        outbox.insertLockingSubject(event);
        wakeRelayAfterCommit();
        return event.eventId;
    }

    private void wakeRelayAfterCommit() {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.wakeUp();
                }
            }
        });
    }

    private String toJson(Object data) {
        try {
            return EVENT_JSON.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event data cannot be written as JSON: " + data.getClass().getName(), e);
        }
    }
}
