package io.cloudpro.platform.privacy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static io.cloudpro.platform.persistence.SqlTimes.instant;

/**
 * This service's copy of the active legal holds. A hold names a subject, a category, or both; held
 * data is neither erased nor purged, and results say so with the hold's reference. Holds are
 * placed in retention-service and arrive on {@value PrivacyTopics#HOLDS}.
 */
@ApplicationScoped
public class LegalHolds {

    private final EntityManager entityManager;

    LegalHolds(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** A hold: on a subject (any of its ids), on a category, or on one subject's category. */
    public record Hold(UUID holdId, UUID subjectId, String category, String reference, Instant placedAt) {
    }

    /** The hold that keeps {@code subject}'s data of {@code category}, if any. */
    public Optional<Hold> applying(Subject subject, String category) {
        List<?> rows = entityManager.createNativeQuery("""
                        SELECT hold_id, subject_id, category, reference, placed_at FROM legal_hold
                         WHERE (subject_id IS NULL OR subject_id IN (:ids))
                           AND (category IS NULL OR category = :category)
                         ORDER BY placed_at LIMIT 1""")
                .setParameter("ids", subject.allIds())
                .setParameter("category", category)
                .getResultList();
        return rows.stream().map(r -> (Object[]) r).map(LegalHolds::hold).findFirst();
    }

    /** The hold on a whole category (for purges by cut-off, which name no subject), if any. */
    public Optional<Hold> onCategory(String category) {
        List<?> rows = entityManager.createNativeQuery("""
                        SELECT hold_id, subject_id, category, reference, placed_at FROM legal_hold
                         WHERE subject_id IS NULL AND category = ?1 ORDER BY placed_at LIMIT 1""")
                .setParameter(1, category)
                .getResultList();
        return rows.stream().map(r -> (Object[]) r).map(LegalHolds::hold).findFirst();
    }

    /** The holds on subjects for {@code category} (or wholly), so that a purge by cut-off leaves their records alone. */
    public List<Hold> onSubjects(String category) {
        List<?> rows = entityManager.createNativeQuery("""
                        SELECT hold_id, subject_id, category, reference, placed_at FROM legal_hold
                         WHERE subject_id IS NOT NULL AND (category IS NULL OR category = ?1) ORDER BY placed_at""")
                .setParameter(1, category)
                .getResultList();
        return rows.stream().map(r -> (Object[]) r).map(LegalHolds::hold).toList();
    }

    void place(Hold hold) {
        entityManager.createNativeQuery("""
                        INSERT INTO legal_hold (hold_id, subject_id, category, reference, placed_at)
                        VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (hold_id) DO NOTHING""")
                .setParameter(1, hold.holdId())
                .setParameter(2, hold.subjectId())
                .setParameter(3, hold.category())
                .setParameter(4, hold.reference())
                .setParameter(5, hold.placedAt())
                .executeUpdate();
    }

    /** Forgets every hold: the copy is about to be taken again from the topic. */
    void liftAll() {
        entityManager.createNativeQuery("DELETE FROM legal_hold").executeUpdate();
    }

    void lift(UUID holdId) {
        entityManager.createNativeQuery("DELETE FROM legal_hold WHERE hold_id = ?1").setParameter(1, holdId).executeUpdate();
    }

    private static Hold hold(Object[] row) {
        return new Hold((UUID) row[0], (UUID) row[1], (String) row[2], (String) row[3], instant(row[4]));
    }
}
