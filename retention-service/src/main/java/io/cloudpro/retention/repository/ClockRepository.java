package io.cloudpro.retention.repository;

import io.cloudpro.retention.domain.RetentionClock;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ClockRepository implements PanacheRepositoryBase<RetentionClock, UUID> {

    public Optional<RetentionClock> locked(String category, UUID subjectId) {
        return find("category = ?1 AND subjectId = ?2", category, subjectId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /** Running clocks that are due, locked; a concurrent replica skips them. */
    public List<RetentionClock> due(Instant now, int limit) {
        return getEntityManager().createQuery("FROM RetentionClock c WHERE c.state = ?1 AND c.dueAt <= ?2 ORDER BY c.dueAt",
                        RetentionClock.class)
                .setParameter(1, RetentionClock.State.RUNNING)
                .setParameter(2, now)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setHint("jakarta.persistence.lock.timeout", -2) // SKIP LOCKED
                .setMaxResults(limit)
                .getResultList();
    }

    public Optional<RetentionClock> byCommand(UUID commandId) {
        return find("commandId", commandId).firstResultOptional();
    }

    /** The clocks of any of the subject's ids. */
    public List<RetentionClock> ofSubject(java.util.Collection<UUID> ids) {
        return list("subjectId IN ?1", io.quarkus.panache.common.Sort.by("dueAt"), ids);
    }

    public long deleteOfSubject(java.util.Collection<UUID> ids) {
        return delete("subjectId IN ?1", ids);
    }

    /** Deletes at most {@code limit} finished clocks (purged or stopped) that were due before {@code cutoff}. */
    public long deleteFinishedBefore(Instant cutoff, java.util.Collection<UUID> kept, int limit) {
        return getEntityManager().createNativeQuery("""
                        DELETE FROM retention_clock WHERE id IN (
                            SELECT id FROM retention_clock
                             WHERE state IN ('PURGED', 'STOPPED') AND due_at < ?1 AND NOT subject_id = ANY(?2)
                             ORDER BY due_at LIMIT ?3)""")
                .setParameter(1, cutoff)
                .setParameter(2, kept.toArray(UUID[]::new))
                .setParameter(3, limit)
                .executeUpdate();
    }

    /** Per category and service: running clocks due before {@code end}, how many, and the first due date. */
    @SuppressWarnings("unchecked")
    public List<Object[]> dueBetween(Instant end) {
        return getEntityManager().createQuery("""
                        SELECT c.category, c.service, count(c), min(c.dueAt) FROM RetentionClock c
                         WHERE c.state = ?1 AND c.dueAt <= ?2 GROUP BY c.category, c.service ORDER BY min(c.dueAt)""")
                .setParameter(1, RetentionClock.State.RUNNING)
                .setParameter(2, end)
                .getResultList();
    }

    /** Clocks past due whose purge has not been confirmed (running, or sent without a receipt). */
    public List<RetentionClock> overdue(Instant now) {
        return list("state IN ?1 AND dueAt < ?2", io.quarkus.panache.common.Sort.by("dueAt"),
                List.of(RetentionClock.State.RUNNING, RetentionClock.State.PURGE_SENT), now);
    }
}
