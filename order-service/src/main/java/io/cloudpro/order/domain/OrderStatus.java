package io.cloudpro.order.domain;

/** Placed, then paid (once, whatever payment news arrives twice). */
public enum OrderStatus {
    PLACED, PAID
}
