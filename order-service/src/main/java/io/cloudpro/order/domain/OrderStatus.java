package io.cloudpro.order.domain;

/** Placed; payment and delivery states arrive with payments. */
public enum OrderStatus {
    PLACED
}
