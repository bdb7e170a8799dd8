package io.cloudpro.order.domain;

/** An invoice, or a credit note correcting one; each kind numbers in a series of its own. */
public enum InvoiceKind {
    INVOICE, CREDIT_NOTE
}
