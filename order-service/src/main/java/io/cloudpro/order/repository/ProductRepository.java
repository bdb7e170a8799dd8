package io.cloudpro.order.repository;

import io.cloudpro.order.domain.Product;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

@ApplicationScoped
public class ProductRepository implements PanacheRepositoryBase<Product, UUID> {

    public List<Product> listed(boolean includeInactive) {
        return includeInactive ? listAll(Sort.by("sku")) : list("active", Sort.by("sku"), true);
    }

    /** The active products among {@code ids}, by id, read in one query. */
    public Map<UUID, Product> activeByIds(Collection<UUID> ids) {
        return list("id IN ?1 AND active = true", ids).stream().collect(Collectors.toMap(p -> p.id, p -> p));
    }

    public boolean skuTaken(String sku) {
        return count("sku", sku) > 0;
    }
}
