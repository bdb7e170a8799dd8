package io.cloudpro.order.service;

import io.cloudpro.order.domain.Line;
import io.cloudpro.order.domain.Product;
import io.cloudpro.order.domain.ProductQuantity;
import io.cloudpro.order.repository.ProductRepository;
import io.cloudpro.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/** Turns what a customer asks for into priced lines, at today's prices of active products. */
@ApplicationScoped
public class Pricing {

    private final ProductRepository products;

    Pricing(ProductRepository products) {
        this.products = products;
    }

    List<Line> lines(List<ProductQuantity> requested) {
        List<Line> lines = new ArrayList<>(requested.size());
        for (ProductQuantity item : requested) {
            Product product = products.findByIdOptional(item.productId())
                    .filter(p -> p.active)
                    .orElseThrow(() -> new ProblemException(OrderProblems.PRODUCT_UNAVAILABLE,
                            "Product " + item.productId() + " does not exist or is no longer offered."));
            lines.add(Line.of(product, item.quantity()));
        }
        return lines;
    }
}
