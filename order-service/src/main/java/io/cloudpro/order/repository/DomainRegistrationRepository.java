package io.cloudpro.order.repository;

import io.cloudpro.order.domain.DomainRegistration;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class DomainRegistrationRepository implements PanacheRepositoryBase<DomainRegistration, UUID> {

    public Optional<DomainRegistration> locked(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public List<DomainRegistration> ofAccount(UUID accountId) {
        return list("accountId", Sort.descending("requestedAt"), accountId);
    }

    public List<DomainRegistration> ofAccounts(Collection<UUID> accountIds) {
        return accountIds.isEmpty() ? List.of() : list("accountId IN ?1", Sort.by("requestedAt"), accountIds);
    }

    public boolean exists(UUID orderId, String domain) {
        return count("orderId = ?1 AND domain = ?2", orderId, domain) > 0;
    }

    /** Registrations with work for the registrar: to register, or a contact to correct or remove. */
    public List<UUID> due(Instant now, int limit) {
        return getEntityManager().createQuery(
                        "SELECT r.id FROM DomainRegistration r WHERE r.nextAttemptAt <= ?1 ORDER BY r.nextAttemptAt", UUID.class)
                .setParameter(1, now)
                .setMaxResults(limit)
                .getResultList();
    }

    public boolean restricted(UUID accountId) {
        return ((Number) getEntityManager().createNativeQuery(
                        "SELECT count(*) FROM processing_restriction WHERE account_id = ?1")
                .setParameter(1, accountId).getSingleResult()).longValue() > 0;
    }

    /** Records a restriction (true) or lifts it (false); answers whether anything changed. */
    public boolean restrict(UUID accountId, boolean restricted, Instant now) {
        return (restricted
                ? getEntityManager().createNativeQuery("""
                        INSERT INTO processing_restriction (account_id, restricted_at) VALUES (?1, ?2) ON CONFLICT DO NOTHING""")
                .setParameter(1, accountId).setParameter(2, now)
                : getEntityManager().createNativeQuery("DELETE FROM processing_restriction WHERE account_id = ?1")
                .setParameter(1, accountId)).executeUpdate() > 0;
    }

    /**
     * Deletes at most {@code limit} registrations the registry refused, requested before {@code before},
     * except held accounts'; how many. A registered domain stays for as long as it is registered.
     */
    public int purgeRefusedBatch(Instant before, Collection<UUID> kept, int limit) {
        return getEntityManager().createNativeQuery("""
                        DELETE FROM domain_registration WHERE id IN (
                            SELECT id FROM domain_registration
                             WHERE status = 'REFUSED' AND requested_at < ?1 AND NOT (account_id = ANY(?2))
                             ORDER BY requested_at LIMIT ?3)""")
                .setParameter(1, before)
                .setParameter(2, kept.toArray(UUID[]::new))
                .setParameter(3, limit)
                .executeUpdate();
    }
}
