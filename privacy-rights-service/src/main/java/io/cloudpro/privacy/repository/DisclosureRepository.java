package io.cloudpro.privacy.repository;

import io.cloudpro.privacy.domain.Disclosure;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class DisclosureRepository implements PanacheRepositoryBase<Disclosure, UUID> {

    public List<Disclosure> ofSubject(Collection<UUID> ids) {
        return ids.isEmpty() ? List.of() : find("subjectId IN ?1 ORDER BY disclosedAt", ids).list();
    }

    public List<Disclosure> page(UUID subjectId, int page, int size) {
        return (subjectId == null ? find("ORDER BY disclosedAt DESC") : find("subjectId = ?1 ORDER BY disclosedAt DESC", subjectId))
                .page(page, size).list();
    }

    public long countFor(UUID subjectId) {
        return subjectId == null ? count() : count("subjectId", subjectId);
    }

    /** Deletes at most {@code limit} disclosures made before {@code before}, except held subjects'; how many. */
    public int deleteBatchBefore(Instant before, Collection<UUID> kept, int limit) {
        return getEntityManager().createNativeQuery("""
                        DELETE FROM disclosure WHERE id IN (SELECT id FROM disclosure
                                                             WHERE disclosed_at < ?1 AND NOT subject_id = ANY(?2)
                                                             ORDER BY disclosed_at LIMIT ?3)""")
                .setParameter(1, before)
                .setParameter(2, kept.toArray(UUID[]::new))
                .setParameter(3, limit)
                .executeUpdate();
    }
}
