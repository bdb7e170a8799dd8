package io.cloudpro.order.service;

import io.cloudpro.order.domain.Line;
import io.cloudpro.order.domain.Product;
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
            lines.add(Line.of(product, item.quantity()));
        }
        return lines;
    }
}
