package io.cloudpro.retention.repository;

import io.cloudpro.retention.domain.PurgeReceipt;
import io.cloudpro.retention.domain.PurgeRun;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Purges sent and their receipts. */
@ApplicationScoped
public class PurgeRepository implements PanacheRepositoryBase<PurgeRun, UUID> {

    /** The latest run of the category at the service, if any. */
    public Optional<PurgeRun> latest(String category, String service) {
        return find("category = ?1 AND service = ?2 ORDER BY sentAt DESC", category, service).firstResultOptional();
    }

    /** Runs without a receipt whose next attempt is due, locked and skipped by a concurrent replica. */
    public List<PurgeRun> dueForRetry(Instant now, int limit) {
        return getEntityManager().createQuery("""
                        FROM PurgeRun r WHERE r.completedAt IS NULL AND r.nextAttemptAt <= ?1 ORDER BY r.nextAttemptAt""",
                        PurgeRun.class)
                .setParameter(1, now)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setHint("jakarta.persistence.lock.timeout", -2) // SKIP LOCKED
                .setMaxResults(limit)
                .getResultList();
    }

    public Optional<PurgeRun> locked(UUID commandId) {
        return findByIdOptional(commandId, LockModeType.PESSIMISTIC_WRITE);
    }

    public void addReceipt(PurgeReceipt receipt) {
        getEntityManager().persist(receipt);
    }

    public List<PurgeReceipt> receipts(String category, int page, int size) {
        String where = category == null ? "" : " WHERE r.category = ?1";
        var query = getEntityManager().createQuery("FROM PurgeReceipt r" + where + " ORDER BY r.completedAt DESC",
                PurgeReceipt.class);
        if (category != null) {
            query.setParameter(1, category);
        }
        return query.setFirstResult(page * size).setMaxResults(size).getResultList();
    }

    public long countReceipts(String category) {
        String where = category == null ? "" : " WHERE r.category = ?1";
        var query = getEntityManager().createQuery("SELECT count(r) FROM PurgeReceipt r" + where, Long.class);
        if (category != null) {
            query.setParameter(1, category);
        }
        return query.getSingleResult();
    }

    /** Receipts past their 5 years. */
    public int deleteReceiptsBefore(Instant now) {
        return getEntityManager().createQuery("DELETE FROM PurgeReceipt r WHERE r.keepUntil < ?1")
                .setParameter(1, now).executeUpdate();
    }

    /** PURGEs sent without a receipt whose first answer was due by now. */
    public List<PurgeRun> unanswered(Instant now) {
        return list("completedAt IS NULL AND sentAt < ?1 AND attempts > 1", io.quarkus.panache.common.Sort.by("sentAt"), now);
    }
}
