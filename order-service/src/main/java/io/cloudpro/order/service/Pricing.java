package io.cloudpro.order.service;

import io.cloudpro.order.domain.Line;
import io.cloudpro.order.domain.Product;
import io.cloudpro.order.domain.ProductKind;
import io.cloudpro.order.domain.ProductQuantity;
import io.cloudpro.order.repository.ProductRepository;
import io.cloudpro.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Turns what a customer asks for into priced lines, at today's prices of active products. */
@ApplicationScoped
public class Pricing {

    private final ProductRepository products;

    Pricing(ProductRepository products) {
        this.products = products;
    }

    List<Line> lines(List<ProductQuantity> requested) {
        Map<UUID, Product> offered = products.activeByIds(requested.stream().map(ProductQuantity::productId).toList());
        List<Line> lines = new ArrayList<>(requested.size());
        for (ProductQuantity item : requested) {
            Product product = offered.get(item.productId());
            if (product == null) {
                throw new ProblemException(OrderProblems.PRODUCT_UNAVAILABLE,
                        "Product " + item.productId() + " does not exist or is no longer offered.");
            }
            boolean registration = product.kind == ProductKind.DOMAIN;
            if (registration != (item.domain() != null)) {
                throw ProblemException.invalidField("lines", registration
                        ? "product " + product.sku + " registers a domain: name it in the line's domain"
                        : "product " + product.sku + " is not a domain registration: leave domain out");
            }
            if (registration && item.quantity() != 1) {
                throw ProblemException.invalidField("lines", "a domain is registered once per line: quantity 1");
            }
            lines.add(Line.of(product, item.quantity(), item.domain()));
        }
        return lines;
    }
}
