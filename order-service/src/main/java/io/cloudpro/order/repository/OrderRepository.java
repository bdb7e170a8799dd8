package io.cloudpro.order.repository;

import io.cloudpro.order.domain.CustomerOrder;
import io.cloudpro.order.domain.OrderStatus;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class OrderRepository implements PanacheRepositoryBase<CustomerOrder, UUID> {

    /** The account's order, or empty - also when it is another account's. */
    public Optional<CustomerOrder> ofAccount(UUID id, UUID accountId) {
        return find("id = ?1 AND accountId = ?2", id, accountId).firstResultOptional();
    }

    public List<CustomerOrder> page(UUID accountId, int page, int size) {
        return find("accountId", Sort.descending("placedAt").and("number", Sort.Direction.Descending), accountId)
                .page(page, size).list();
    }

    public long countOf(UUID accountId) {
        return count("accountId", accountId);
    }

    public List<CustomerOrder> ofAccounts(Collection<UUID> accountIds) {
        return accountIds.isEmpty() ? List.of() : list("accountId IN ?1", Sort.by("placedAt"), accountIds);
    }

    /** Marks the order paid unless it is already: true only for the call that did it. */
    public boolean markPaid(UUID orderId, Instant paidAt) {
        return update("status = ?1, paidAt = ?2 WHERE id = ?3 AND status = ?4", OrderStatus.PAID, paidAt, orderId,
                OrderStatus.PLACED) == 1;
    }
}
