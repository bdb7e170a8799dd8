package io.cloudpro.retention.repository;

import io.cloudpro.retention.domain.LegalHoldCase;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class HoldRepository implements PanacheRepositoryBase<LegalHoldCase, UUID> {

    public List<LegalHoldCase> listed(boolean activeOnly) {
        return activeOnly ? list("liftedAt IS NULL", Sort.descending("placedAt")) : listAll(Sort.descending("placedAt"));
    }

    public Optional<LegalHoldCase> locked(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The holds on any of the subject's ids, active and lifted. */
    public List<LegalHoldCase> ofSubject(Collection<UUID> ids) {
        return list("subjectId IN ?1", Sort.by("placedAt"), ids);
    }

    public long deleteLiftedOf(Collection<UUID> ids) {
        return delete("subjectId IN ?1 AND liftedAt IS NOT NULL", ids);
    }

    /** Deletes at most {@code limit} holds lifted before {@code cutoff}, leaving those of the subjects in {@code kept}. */
    public long deleteLiftedBefore(java.time.Instant cutoff, Collection<UUID> kept, int limit) {
        return getEntityManager().createNativeQuery("""
                        DELETE FROM legal_hold_case WHERE id IN (
                            SELECT id FROM legal_hold_case
                             WHERE lifted_at < ?1 AND (subject_id IS NULL OR NOT subject_id = ANY(?2))
                             ORDER BY lifted_at LIMIT ?3)""")
                .setParameter(1, cutoff)
                .setParameter(2, kept.toArray(UUID[]::new))
                .setParameter(3, limit)
                .executeUpdate();
    }
}
