package io.cloudpro.retention.repository;

import io.cloudpro.retention.domain.PolicyVersion;
import io.cloudpro.retention.domain.RetentionPolicy;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class PolicyRepository implements PanacheRepositoryBase<RetentionPolicy, String> {

    public List<RetentionPolicy> all() {
        return listAll(Sort.by("category"));
    }

    public List<RetentionPolicy> startedBy(String eventType) {
        return list("startEvent", Sort.by("category"), eventType);
    }

    public List<RetentionPolicy> rolling() {
        return list("startEvent IS NULL AND enforcedBy = 'RETENTION_SERVICE'", Sort.by("category"));
    }

    /** The policy, locked until the transaction ends: changes to one policy happen one after the other. */
    public Optional<RetentionPolicy> locked(String category) {
        return findByIdOptional(category, LockModeType.PESSIMISTIC_WRITE);
    }

    public void addVersion(PolicyVersion version) {
        getEntityManager().persist(version);
    }

    public List<PolicyVersion> versions(String category) {
        return getEntityManager().createQuery("FROM PolicyVersion v WHERE v.key.category = ?1 ORDER BY v.key.version DESC",
                PolicyVersion.class).setParameter(1, category).getResultList();
    }

    /** Whether the privacy officer ever set this category's period (then a catalogue does not overrule it). */
    public boolean changedByOfficer(String category) {
        return getEntityManager().createQuery(
                        "SELECT count(v) FROM PolicyVersion v WHERE v.key.category = ?1 AND v.changedBy IS NOT NULL", Long.class)
                .setParameter(1, category).getSingleResult() > 0;
    }
}
