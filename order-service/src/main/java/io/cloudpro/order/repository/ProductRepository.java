package io.cloudpro.order.repository;

import io.agroal.api.AgroalDataSource;
import io.cloudpro.order.domain.Product;
import io.cloudpro.order.domain.ProductKind;
import io.cloudpro.order.domain.VatRate;
import io.cloudpro.platform.persistence.SqlFailures;
import io.cloudpro.platform.persistence.SqlTimes;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class ProductRepository implements PanacheRepositoryBase<Product, UUID> {

    private final AgroalDataSource dataSource;

    ProductRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<Product> listed(boolean includeInactive) {
        return includeInactive ? listAll(Sort.by("sku")) : list("active", Sort.by("sku"), true);
    }

    /**
     * The active products among {@code ids}, by id: one statement in plain JDBC on the transaction's
     * connection, as it runs for every order and quotation (through the ORM it was the largest single
     * cost of placing an order). The rows are not managed: prices are read here, never changed.
     */
    public Map<UUID, Product> activeByIds(Collection<UUID> ids) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("""
                     SELECT id, sku, name, kind, unit_price_cents, vat_rate, updated_at FROM product
                      WHERE id = ANY(?) AND active""")) {
            query.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
            Map<UUID, Product> active = new HashMap<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    Product product = new Product();
                    product.id = row.getObject(1, UUID.class);
                    product.sku = row.getString(2);
                    product.name = row.getString(3);
                    product.kind = ProductKind.valueOf(row.getString(4));
                    product.unitPriceCents = row.getLong(5);
                    product.vatRate = VatRate.valueOf(row.getString(6));
                    product.active = true;
                    product.updatedAt = SqlTimes.instant(row, 7);
                    active.put(product.id, product);
                }
            }
            return active;
        } catch (SQLException e) {
            throw SqlFailures.of("read products", e);
        }
    }

    public boolean skuTaken(String sku) {
        return count("sku", sku) > 0;
    }
}
