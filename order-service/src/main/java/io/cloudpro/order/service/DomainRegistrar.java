package io.cloudpro.order.service;

import io.cloudpro.order.domain.DomainRegistration;

import java.util.List;

/**
 * The registrar that registers domains with their registries. It receives the registrant contact -
 * a disclosure of personal data to the registry, and through its Whois perhaps to everyone - so
 * every call is recorded as one. Calls are never made inside a database transaction.
 */
public interface DomainRegistrar {

    /** The contact the registry keeps for a domain. */
    record Registrant(DomainRegistration.RegistrantType type, String name, String company, String street,
                      String postalCode, String city, String country) {

        /** The names of the fields this contact sends (never their values). */
        public List<String> fieldNames() {
            return company == null ? List.of("name", "street", "postalCode", "city", "country")
                    : List.of("name", "company", "street", "postalCode", "city", "country");
        }
    }

    /** Registered: the registrar's id for it, the registry, and what the public Whois shows. */
    record Registered(String reference, String registry, boolean whoisPublished, List<String> whoisFields) {
    }

    /** The registry said no (the domain is taken, or not allowed): final. */
    class RefusedException extends RuntimeException {
        public RefusedException(String message) {
            super(message);
        }
    }

    /** The registrar cannot be reached now: try again later. */
    class UnavailableException extends RuntimeException {
        public UnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** {@code clientReference}: ours for the registration, so that sending it again answers the first one. */
    Registered register(String domain, Registrant registrant, String clientReference);

    /** Sends a corrected contact (GDPR art. 16 and 19); answers what the public Whois now shows. */
    Registered updateRegistrant(String reference, Registrant registrant);

    /** Removes the contact (GDPR art. 17(2)); the registry keeps a redacted placeholder. */
    void redactRegistrant(String reference);
}
