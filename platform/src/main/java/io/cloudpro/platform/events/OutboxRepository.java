package io.cloudpro.platform.events;

import static io.cloudpro.platform.persistence.SqlTimes.instant;
import static io.cloudpro.platform.persistence.SqlTimes.utc;

import io.agroal.api.AgroalDataSource;
import io.cloudpro.platform.persistence.SqlFailures;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** The outbox tables: what the relay reads and marks, and what operators look at. */
@ApplicationScoped
public class OutboxRepository {

    private final EntityManager entityManager;
    private final AgroalDataSource dataSource;

    OutboxRepository(EntityManager entityManager, AgroalDataSource dataSource) {
        this.entityManager = entityManager;
        this.dataSource = dataSource;
    }

    /**
     * Inserts {@code event} after taking a lock on its subject that holds until the caller's
     * transaction ends, so that two transactions about one subject commit in the order their events
     * were numbered. Lock and insert are one statement, the lock taken in the FROM clause before the
     * row - and its id - is made.
     * <p>
     * Every write of every service passes here, so it is plain JDBC on the transaction's connection
     * (the pool enlists it). The ORM's pending changes are flushed first, as a native query would: a
     * conflict in them surfaces here, as a constraint violation, not later as a failed commit.
     */
    public void insertLockingSubject(OutboxEvent event) {
        entityManager.flush();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO event_outbox (event_id, topic, event_key, type, source, subject, occurred_at, payload,
                                               attempts)
                     SELECT ?, ?, ?, ?, ?, ?, ?, ?, 0 FROM pg_advisory_xact_lock(?, hashtext(?))""")) {
            insert.setObject(1, event.eventId);
            insert.setString(2, event.topic);
            insert.setString(3, event.key);
            insert.setString(4, event.type);
            insert.setString(5, event.source);
            insert.setString(6, event.subject);
            insert.setObject(7, utc(event.occurredAt));
            insert.setString(8, event.payload);
            insert.setInt(9, SUBJECT_LOCK_SPACE);
            insert.setString(10, event.key);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw SqlFailures.of("store an outbox event", e);
        }
    }

    /** The advisory-lock namespace of the per-subject lock (any fixed number not used elsewhere). */
    private static final int SUBJECT_LOCK_SPACE = 0x0C10_0E7;

    /**
     * Takes or renews the relay lease {@code name} for {@code holder} if it is free, expired or
     * already held by {@code holder}; true when the caller holds it afterwards.
     */
    public boolean acquireLease(String name, String holder, Instant until) {
        return !entityManager.createNativeQuery("""
                        INSERT INTO outbox_relay_lease (name, holder, until) VALUES (?1, ?2, ?3)
                        ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, until = excluded.until
                         WHERE outbox_relay_lease.holder = excluded.holder OR outbox_relay_lease.until < now()
                        RETURNING holder""")
                .setParameter(1, name)
                .setParameter(2, holder)
                .setParameter(3, until)
                .getResultList().isEmpty();
    }

    public void releaseLease(String name, String holder) {
        entityManager.createNativeQuery("DELETE FROM outbox_relay_lease WHERE name = ?1 AND holder = ?2")
                .setParameter(1, name)
                .setParameter(2, holder)
                .executeUpdate();
    }

    /**
     * Pending events, oldest first, without parked ones and without those queued behind a parked
     * event of their subject (they must not overtake it).
     */
    public List<OutboxEvent> sendable(int limit) {
        return entityManager.createQuery("""
                        FROM OutboxEvent e
                        WHERE e.publishedAt IS NULL AND e.parkedAt IS NULL
                          AND NOT EXISTS (FROM OutboxEvent p WHERE p.key = e.key AND p.publishedAt IS NULL
                                          AND p.parkedAt IS NOT NULL AND p.id < e.id)
                        ORDER BY e.id""", OutboxEvent.class)
                .setMaxResults(limit)
                .getResultList();
    }

    /** Marks relayed events; one array parameter, so the statement is the same whatever the batch's size. */
    public void markPublished(Collection<Long> ids, Instant at) {
        if (!ids.isEmpty()) {
            entityManager.createNativeQuery("UPDATE event_outbox SET published_at = ?1 WHERE id = ANY(?2)")
                    .setParameter(1, at)
                    .setParameter(2, ids.toArray(Long[]::new))
                    .executeUpdate();
        }
    }

    /** Records a failed send; the event is parked once it has failed {@code parkAfter} counted times. */
    public void recordFailure(long id, String error, boolean counted, int parkAfter, Instant now) {
        entityManager.createQuery("""
                        UPDATE OutboxEvent SET lastError = :error,
                               attempts = attempts + :step,
                               parkedAt = CASE WHEN attempts + :step >= :parkAfter THEN :now ELSE parkedAt END
                        WHERE id = :id""")
                .setParameter("error", error)
                .setParameter("step", counted ? 1 : 0)
                .setParameter("parkAfter", parkAfter)
                .setParameter("now", now)
                .setParameter("id", id)
                .executeUpdate();
    }

    public OutboxEvent find(long id) {
        return entityManager.find(OutboxEvent.class, id);
    }

    public void delete(OutboxEvent event) {
        entityManager.remove(event);
    }

    /** Counts and ages for the operations view and the metrics. */
    public Backlog backlog() {
        Object[] row = (Object[]) entityManager.createNativeQuery("""
                        SELECT count(*) FILTER (WHERE published_at IS NULL AND parked_at IS NULL),
                               min(occurred_at) FILTER (WHERE published_at IS NULL),
                               max(published_at),
                               count(*) FILTER (WHERE published_at IS NULL AND parked_at IS NOT NULL),
                               (SELECT last_error FROM event_outbox
                                 WHERE published_at IS NULL AND last_error IS NOT NULL ORDER BY id LIMIT 1)
                          FROM event_outbox""")
                .getSingleResult();
        return new Backlog(((Number) row[0]).longValue(), instant(row[1]), instant(row[2]),
                ((Number) row[3]).longValue(), (String) row[4]);
    }

    /** The parked events, each with the number of its subject's events waiting behind it. */
    public List<Parked> parked() {
        List<?> rows = entityManager.createNativeQuery("""
                        SELECT p.id, p.event_id, p.topic, p.type, p.event_key, p.occurred_at, p.parked_at, p.attempts,
                               p.last_error,
                               (SELECT count(*) FROM event_outbox w
                                 WHERE w.event_key = p.event_key AND w.published_at IS NULL AND w.id > p.id)
                          FROM event_outbox p
                         WHERE p.published_at IS NULL AND p.parked_at IS NOT NULL
                         ORDER BY p.id""")
                .getResultList();
        return rows.stream().map(r -> (Object[]) r).map(r -> new Parked(((Number) r[0]).longValue(),
                r[1].toString(), (String) r[2], (String) r[3], (String) r[4], instant(r[5]), instant(r[6]),
                ((Number) r[7]).intValue(), (String) r[8], ((Number) r[9]).longValue())).toList();
    }

    /** Deletes relayed events published before {@code cutoff}; returns how many. */
    public int deletePublishedBefore(Instant cutoff) {
        return entityManager.createQuery("DELETE FROM OutboxEvent WHERE publishedAt < :cutoff")
                .setParameter("cutoff", cutoff)
                .executeUpdate();
    }

    /** How far behind the outbox is. */
    public record Backlog(long pending, Instant oldestPendingSince, Instant lastPublishedAt, long parked,
                          String lastError) {
    }

    /** An event Kafka kept refusing, and how many of its subject's events wait behind it. */
    public record Parked(long id, String eventId, String topic, String type, String subject, Instant occurredAt,
                         Instant parkedAt, int attempts, String lastError, long waitingBehind) {
    }
}
