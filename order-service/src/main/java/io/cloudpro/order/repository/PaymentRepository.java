package io.cloudpro.order.repository;

import io.cloudpro.order.domain.Payment;
import io.cloudpro.order.domain.PaymentMethod;
import io.cloudpro.order.domain.PaymentProvider;
import io.cloudpro.order.domain.PaymentStatus;
import io.cloudpro.order.domain.PaymentTransaction;
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
public class PaymentRepository implements PanacheRepositoryBase<Payment, UUID> {

    public Optional<Payment> ofAccount(UUID id, UUID accountId) {
        return find("id = ?1 AND accountId = ?2", id, accountId).firstResultOptional();
    }

    public Optional<Payment> locked(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public Optional<Payment> byReference(PaymentProvider provider, String reference) {
        return find("provider = ?1 AND providerReference = ?2", provider, reference).firstResultOptional();
    }

    /** A payment of the order by this method that the payer can still complete. */
    public Optional<Payment> unfinished(UUID orderId, PaymentMethod method) {
        return find("orderId = ?1 AND method = ?2 AND status IN ?3 AND checkoutUrl IS NOT NULL", Sort.descending("createdAt"),
                orderId, method, List.of(PaymentStatus.OPEN, PaymentStatus.PENDING)).firstResultOptional();
    }

    public List<Payment> page(UUID accountId, int page, int size) {
        return find("accountId", Sort.descending("createdAt"), accountId).page(page, size).list();
    }

    public long countOf(UUID accountId) {
        return count("accountId", accountId);
    }

    public List<Payment> ofAccounts(Collection<UUID> accountIds) {
        return accountIds.isEmpty() ? List.of() : list("accountId IN ?1", Sort.by("createdAt"), accountIds);
    }

    /** Payments to ask the provider about again (no webhook came, or it was lost). */
    public List<UUID> dueForCheck(Instant now, int limit) {
        return getEntityManager().createQuery(
                        "SELECT p.id FROM Payment p WHERE p.nextCheckAt <= ?1 ORDER BY p.nextCheckAt", UUID.class)
                .setParameter(1, now)
                .setMaxResults(limit)
                .getResultList();
    }

    public void record(PaymentTransaction transaction) {
        getEntityManager().persist(transaction);
    }

    public List<PaymentTransaction> transactionsOf(UUID paymentId) {
        return getEntityManager().createQuery("SELECT t FROM PaymentTransaction t WHERE t.paymentId = ?1 ORDER BY t.at",
                        PaymentTransaction.class)
                .setParameter(1, paymentId)
                .getResultList();
    }

    /** Claims a webhook's event id; false when it was handled before (a replay). */
    public boolean firstDelivery(PaymentProvider provider, String eventId, Instant now) {
        return getEntityManager().createNativeQuery("""
                        INSERT INTO payment_webhook (provider, event_id, received_at) VALUES (?1, ?2, ?3)
                        ON CONFLICT DO NOTHING""")
                .setParameter(1, provider.name())
                .setParameter(2, eventId)
                .setParameter(3, now)
                .executeUpdate() == 1;
    }

    /**
     * Deletes at most {@code limit} payments (with their status history) started before
     * {@code before} - the first day of the fiscal year whose predecessors' 7 years are over - except
     * held accounts'; how many.
     */
    public int purgeBatch(Instant before, Collection<UUID> kept, int limit) {
        return getEntityManager().createNativeQuery("""
                        DELETE FROM payment WHERE id IN (
                            SELECT id FROM payment WHERE created_at < ?1 AND NOT (account_id = ANY(?2))
                             ORDER BY created_at LIMIT ?3)""")
                .setParameter(1, before)
                .setParameter(2, kept.toArray(UUID[]::new))
                .setParameter(3, limit)
                .executeUpdate();
    }
}
