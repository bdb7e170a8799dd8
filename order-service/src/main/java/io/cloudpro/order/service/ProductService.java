package io.cloudpro.order.service;

import io.cloudpro.order.domain.Product;
import io.cloudpro.order.domain.ProductKind;
import io.cloudpro.order.domain.VatRate;
import io.cloudpro.order.repository.ProductRepository;
import io.cloudpro.platform.problem.ProblemException;
import io.cloudpro.platform.time.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.UUID;

/** The product catalogue: admins add products and change prices, rates and availability. */
@ApplicationScoped
public class ProductService {

    private final ProductRepository products;

    ProductService(ProductRepository products) {
        this.products = products;
    }

    /** What a product becomes; null fields of a change stay as they are. */
    public record ProductData(String sku, String name, ProductKind kind, Long unitPriceCents, VatRate vatRate, Boolean active) {
    }

    @Transactional
    public List<Product> list(boolean includeInactive) {
        return products.listed(includeInactive);
    }

    @Transactional
    public Product create(ProductData data) {
        if (products.skuTaken(data.sku())) {
            throw new ProblemException(OrderProblems.SKU_TAKEN, "Another product has SKU " + data.sku() + ".");
        }
        Product product = new Product();
        product.id = UUID.randomUUID();
        product.sku = data.sku();
        product.name = data.name();
        product.kind = data.kind();
        product.unitPriceCents = data.unitPriceCents();
        product.vatRate = data.vatRate();
        product.active = data.active() == null || data.active();
        product.updatedAt = Timestamps.now();
        products.persist(product);
        return product;
    }

    /** Changes a product; quotations and orders keep the price and rate they were made with. */
    @Transactional
    public Product change(UUID id, ProductData data) {
        Product product = products.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("product"));
        if (data.name() != null) {
            product.name = data.name();
        }
        if (data.unitPriceCents() != null) {
            product.unitPriceCents = data.unitPriceCents();
        }
        if (data.vatRate() != null) {
            product.vatRate = data.vatRate();
        }
        if (data.active() != null) {
            product.active = data.active();
        }
        product.updatedAt = Timestamps.now();
        return product;
    }
}
