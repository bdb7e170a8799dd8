package io.cloudpro.order.domain;

import java.util.UUID;

/** What a customer asks for on one line: a product, how many, and for a domain registration the domain name. */
public record ProductQuantity(UUID productId, int quantity, String domain) {
}
