package io.cloudpro.order.domain;

/** OPEN until accepted; an open quotation past its valid-until date can no longer be accepted. */
public enum QuotationStatus {
    OPEN, ACCEPTED
}
