package io.cloudpro.platform.events;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * An event waiting in (or already relayed from) the transactional outbox. It is written in the
 * same database transaction as the change it reports, so the two commit or fail together.
 */
@Entity
@Table(name = "event_outbox")
public class OutboxEvent {

    /**
     * Publication order. For one subject it is also commit order: {@link EventOutbox#publish} holds
     * a per-subject lock until the transaction ends, so a later id cannot commit first.
     */
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** The CloudEvents id; consumers deduplicate on it. */
    @Column(name = "event_id", nullable = false, unique = true, updatable = false)
    public UUID eventId;

    @Column(nullable = false, updatable = false)
    public String topic;

    /** The Kafka record key: the data subject's id, so one person's events stay in order. */
    @Column(name = "event_key", nullable = false, updatable = false)
    public String key;

    @Column(nullable = false, updatable = false)
    public String type;

    @Column(nullable = false, updatable = false)
    public String source;

    @Column(updatable = false)
    public String subject;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    public Instant occurredAt;

    /** The event data as JSON text. */
    @Column(nullable = false, updatable = false, columnDefinition = "text")
    public String payload;

    @Column(name = "published_at")
    public Instant publishedAt;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "last_error")
    public String lastError;

    /** Set when Kafka kept refusing the event: it waits for an operator, and so do its subject's later events. */
    @Column(name = "parked_at")
    public Instant parkedAt;
}
