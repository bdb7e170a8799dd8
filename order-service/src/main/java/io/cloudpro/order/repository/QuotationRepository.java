package io.cloudpro.order.repository;

import io.cloudpro.order.domain.Quotation;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class QuotationRepository implements PanacheRepositoryBase<Quotation, UUID> {

    /** The account's quotation, or empty - also when it is another account's. */
    public Optional<Quotation> ofAccount(UUID id, UUID accountId) {
        return find("id = ?1 AND accountId = ?2", id, accountId).firstResultOptional();
    }

    public Optional<Quotation> lockOfAccount(UUID id, UUID accountId) {
        return find("id = ?1 AND accountId = ?2", id, accountId).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }

    public List<Quotation> page(UUID accountId, int page, int size) {
        return find("accountId", Sort.descending("createdAt").and("number", Sort.Direction.Descending), accountId)
                .page(page, size).list();
    }

    public long countOf(UUID accountId) {
        return count("accountId", accountId);
    }

    public List<Quotation> ofAccounts(Collection<UUID> accountIds) {
        return accountIds.isEmpty() ? List.of() : list("accountId IN ?1", Sort.by("createdAt"), accountIds);
    }

    /**
     * Deletes at most {@code limit} quotations that lapsed - never accepted, valid until a day before
     * {@code lapsedBefore} - with their lines, leaving those of the accounts in {@code kept}.
     */
    public long purgeLapsedBatch(LocalDate lapsedBefore, Collection<UUID> kept, int limit) {
        return getEntityManager().createNativeQuery("""
                        DELETE FROM quotation WHERE id IN (
                            SELECT id FROM quotation
                             WHERE status = 'OPEN' AND valid_until < ?1 AND NOT (account_id = ANY(?2))
                             ORDER BY valid_until LIMIT ?3)""")
                .setParameter(1, lapsedBefore)
                .setParameter(2, kept.toArray(UUID[]::new))
                .setParameter(3, limit)
                .executeUpdate();
    }
}
