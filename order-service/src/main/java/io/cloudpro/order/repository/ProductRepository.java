package io.cloudpro.order.repository;

import io.cloudpro.order.domain.Product;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ProductRepository implements PanacheRepositoryBase<Product, UUID> {

    public List<Product> listed(boolean includeInactive) {
        return includeInactive ? listAll(Sort.by("sku")) : list("active", Sort.by("sku"), true);
    }

    public boolean skuTaken(String sku) {
        return count("sku", sku) > 0;
    }
}
