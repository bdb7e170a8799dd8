package io.cloudpro.order.repository;

import io.agroal.api.AgroalDataSource;
import io.cloudpro.order.domain.CustomerOrder;
import io.cloudpro.order.domain.Line;
import io.cloudpro.order.domain.OrderStatus;
import io.cloudpro.platform.persistence.SqlFailures;
import io.cloudpro.platform.persistence.SqlTimes;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class OrderRepository implements PanacheRepositoryBase<CustomerOrder, UUID> {

    private final AgroalDataSource dataSource;

    OrderRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores a new order with its lines in one round trip, in plain JDBC on the transaction's
     * connection: placing orders is the service's busiest write. The lines go as arrays, so the
     * statement is the same for any number of lines. The order is not managed by the ORM afterwards.
     */
    public void insert(CustomerOrder order) {
        int count = order.lines.size();
        UUID[] products = new UUID[count];
        String[] descriptions = new String[count];
        Integer[] quantities = new Integer[count];
        Long[] unitPrices = new Long[count];
        String[] rates = new String[count];
        Long[] nets = new Long[count];
        String[] domains = new String[count];
        for (int i = 0; i < count; i++) {
            Line line = order.lines.get(i);
            products[i] = line.productId;
            descriptions[i] = line.description;
            quantities[i] = line.quantity;
            unitPrices[i] = line.unitPriceCents;
            rates[i] = line.vatRate.name();
            nets[i] = line.netCents;
            domains[i] = line.domain;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO customer_order (id, number, account_id, placed_by, quotation_id, status, placed_at, paid_at,
                                                 net_cents, vat_cents, gross_cents)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);
                     INSERT INTO order_line (order_id, position, product_id, description, quantity, unit_price_cents,
                                             vat_rate, net_cents, domain)
                     SELECT ?, l.position - 1, l.product_id, l.description, l.quantity, l.unit_price_cents, l.vat_rate,
                            l.net_cents, l.domain
                       FROM unnest(?::uuid[], ?::text[], ?::int[], ?::bigint[], ?::text[], ?::bigint[], ?::text[])
                            WITH ORDINALITY AS l (product_id, description, quantity, unit_price_cents, vat_rate, net_cents,
                                                  domain, position)""")) {
            insert.setObject(1, order.id);
            insert.setString(2, order.number);
            insert.setObject(3, order.accountId);
            insert.setObject(4, order.placedBy);
            insert.setObject(5, order.quotationId);
            insert.setString(6, order.status.name());
            insert.setObject(7, SqlTimes.utc(order.placedAt));
            insert.setObject(8, SqlTimes.utc(order.paidAt));
            insert.setLong(9, order.netCents);
            insert.setLong(10, order.vatCents);
            insert.setLong(11, order.grossCents);
            insert.setObject(12, order.id);
            insert.setArray(13, connection.createArrayOf("uuid", products));
            insert.setArray(14, connection.createArrayOf("text", descriptions));
            insert.setArray(15, connection.createArrayOf("int4", quantities));
            insert.setArray(16, connection.createArrayOf("int8", unitPrices));
            insert.setArray(17, connection.createArrayOf("text", rates));
            insert.setArray(18, connection.createArrayOf("int8", nets));
            insert.setArray(19, connection.createArrayOf("text", domains));
            insert.execute();
        } catch (SQLException e) {
            throw SqlFailures.of("store an order", e);
        }
    }

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

    /**
     * Deletes at most {@code limit} orders (with their lines) placed before {@code before} that nothing
     * kept refers to any more - no invoice, payment or domain registration - except held accounts';
     * how many.
     */
    public int purgeBatch(Instant before, Collection<UUID> kept, int limit) {
        return getEntityManager().createNativeQuery("""
                        DELETE FROM customer_order WHERE id IN (
                            SELECT o.id FROM customer_order o
                             WHERE o.placed_at < ?1 AND NOT (o.account_id = ANY(?2))
                               AND NOT EXISTS (SELECT 1 FROM invoice i WHERE i.order_id = o.id)
                               AND NOT EXISTS (SELECT 1 FROM payment p WHERE p.order_id = o.id)
                               AND NOT EXISTS (SELECT 1 FROM domain_registration d WHERE d.order_id = o.id)
                             ORDER BY o.placed_at LIMIT ?3)""")
                .setParameter(1, before)
                .setParameter(2, kept.toArray(UUID[]::new))
                .setParameter(3, limit)
                .executeUpdate();
    }
}
