package io.cloudpro.privacy.repository;

import io.cloudpro.privacy.domain.Complaint;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ComplaintRepository implements PanacheRepositoryBase<Complaint, UUID> {

    public Complaint lock(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Unanswered first, oldest first. */
    public List<Complaint> queue(int page, int size) {
        return find("ORDER BY CASE WHEN status = 'RECEIVED' THEN 0 ELSE 1 END, receivedAt").page(page, size).list();
    }

    public List<Complaint> ofLogin(UUID loginId) {
        return find("loginId = ?1 ORDER BY receivedAt DESC", loginId).list();
    }

    /** Complaints filed by one of the person's logins or from one of their addresses. */
    public List<Complaint> ofPerson(Collection<UUID> loginIds, Collection<String> emails) {
        return emails.isEmpty()
                ? find("loginId IN ?1 ORDER BY receivedAt", loginIds).list()
                : find("loginId IN ?1 OR email IN ?2 ORDER BY receivedAt", loginIds, emails).list();
    }

    /**
     * Minimises at most {@code limit} complaints answered before {@code before}: who complained, what
     * they wrote and the answer go; dates and status stay. Complaints of held subjects stay. How many.
     */
    public int anonymiseAnsweredBatch(Instant before, Collection<UUID> kept, int limit) {
        return getEntityManager().createNativeQuery("""
                        UPDATE complaint SET email = NULL, login_id = NULL, text = '', answer = NULL, anonymised_at = now()
                         WHERE id IN (SELECT c.id FROM complaint c LEFT JOIN dsr_request r ON r.id = c.request_id
                                       WHERE c.answered_at < ?1 AND c.anonymised_at IS NULL
                                         AND (c.login_id IS NULL OR NOT c.login_id = ANY(?2))
                                         AND (r.subject_id IS NULL OR NOT r.subject_id = ANY(?2))
                                       ORDER BY c.answered_at LIMIT ?3)""")
                .setParameter(1, before)
                .setParameter(2, kept.toArray(UUID[]::new))
                .setParameter(3, limit)
                .executeUpdate();
    }
}
