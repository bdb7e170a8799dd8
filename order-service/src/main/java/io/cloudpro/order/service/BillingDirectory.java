package io.cloudpro.order.service;

import java.util.Optional;
import java.util.UUID;

/**
 * Where an invoice's buyer details come from: identity-service, which holds the customer's name and
 * address. Read when an invoice is issued and copied onto it, never kept apart.
 */
public interface BillingDirectory {

    record Address(String street, String postalCode, String city, String country) {
    }

    record Company(String name, Address address, String vatId, String kvkNumber) {
    }

    /** The customer's name and address, and their business if the account is one. */
    record BillingDetails(String name, Address address, Company company) {
    }

    /** Empty when the account does not exist (any more); throws {@code ServiceCallException} when it cannot tell. */
    Optional<BillingDetails> of(UUID accountId);
}
