package io.cloudpro.order.domain;

/**
 * Where a payment stands. OPEN: created, the payer has not finished; PENDING: the payer finished and
 * the provider has not settled (or a PayPal order awaits its capture); UNKNOWN: the provider stopped
 * answering about it. PAID, FAILED, CANCELED and EXPIRED are final.
 */
public enum PaymentStatus {
    OPEN, PENDING, PAID, FAILED, CANCELED, EXPIRED, UNKNOWN;

    public boolean isFinal() {
        return this == PAID || this == FAILED || this == CANCELED || this == EXPIRED;
    }
}
