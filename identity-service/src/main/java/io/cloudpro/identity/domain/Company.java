package io.cloudpro.identity.domain;

/** A business customer's details, as they go on invoices. */
public record Company(String name, PostalAddress address, String vatId, String kvkNumber) {
}
