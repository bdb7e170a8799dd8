package io.cloudpro.identity.domain;

/** A street address as the account holds it; Dutch postal codes normalised to "5042 CR". */
public record PostalAddress(String street, String postalCode, String city, String country) {
}
