package io.cloudpro.order.domain;

import java.util.UUID;

/** What a customer asks for on one line: a product and how many. */
public record ProductQuantity(UUID productId, int quantity) {
}
