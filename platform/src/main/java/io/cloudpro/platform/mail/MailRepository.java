package io.cloudpro.platform.mail;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.List;

/** The mail outbox table. */
@ApplicationScoped
public class MailRepository {

    private final EntityManager entityManager;

    MailRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public void persist(OutgoingMail mail) {
        entityManager.persist(mail);
    }

    /**
     * Claims up to {@code limit} due mails until {@code claimedUntil} and counts the attempt. Rows
     * another relay holds are skipped, not waited for. Mail that failed before goes last, so that one
     * undeliverable mail cannot hold up the rest.
     */
    @SuppressWarnings("unchecked")
    public List<OutgoingMail> claimDue(Instant now, Instant claimedUntil, int limit) {
        List<Long> ids = entityManager.createNativeQuery("""
                        SELECT id FROM mail_outbox
                         WHERE next_attempt_at <= ?1 AND (claimed_until IS NULL OR claimed_until < ?1)
                         ORDER BY attempts, id LIMIT ?2 FOR UPDATE SKIP LOCKED""", Long.class)
                .setParameter(1, now)
                .setParameter(2, limit)
                .getResultList();
        if (ids.isEmpty()) {
            return List.of();
        }
        entityManager.createQuery("UPDATE OutgoingMail SET claimedUntil = :until, attempts = attempts + 1 WHERE id IN :ids")
                .setParameter("until", claimedUntil)
                .setParameter("ids", ids)
                .executeUpdate();
        return entityManager.createQuery("FROM OutgoingMail WHERE id IN :ids ORDER BY attempts, id", OutgoingMail.class)
                .setParameter("ids", ids)
                .getResultList();
    }

    public void delete(long id) {
        entityManager.createQuery("DELETE FROM OutgoingMail WHERE id = :id").setParameter("id", id).executeUpdate();
    }

    /** Gives a claimed mail back for another attempt at {@code nextAttemptAt}. */
    public void retryLater(long id, Instant nextAttemptAt, String error) {
        entityManager.createQuery("""
                        UPDATE OutgoingMail SET claimedUntil = NULL, nextAttemptAt = :next, lastError = :error
                        WHERE id = :id""")
                .setParameter("next", nextAttemptAt)
                .setParameter("error", error)
                .setParameter("id", id)
                .executeUpdate();
    }

    /** Gives claimed mails back untouched (not attempted in this pass). */
    public void release(List<Long> ids) {
        if (!ids.isEmpty()) {
            entityManager.createQuery("UPDATE OutgoingMail SET claimedUntil = NULL, attempts = attempts - 1 WHERE id IN :ids")
                    .setParameter("ids", ids)
                    .executeUpdate();
        }
    }

    public int deleteFor(String recipient) {
        return entityManager.createQuery("DELETE FROM OutgoingMail WHERE lower(recipient) = lower(:recipient)")
                .setParameter("recipient", recipient)
                .executeUpdate();
    }

    public long countPending() {
        return entityManager.createQuery("SELECT count(m) FROM OutgoingMail m", Long.class).getSingleResult();
    }
}
