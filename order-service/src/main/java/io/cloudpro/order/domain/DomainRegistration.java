package io.cloudpro.order.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A domain registered for an order. The registrant contact itself is not kept here - it is read
 * from identity-service when sent - only what was sent to which registry, and what of it the
 * registry's public Whois shows.
 */
@Entity
@Table(name = "domain_registration")
public class DomainRegistration {

    /** Whose contact the registry holds: a private person's .nl registration shows no name or address in Whois. */
    public enum RegistrantType { PERSON, BUSINESS }

    @Id
    public UUID id;

    @Column(name = "account_id", nullable = false)
    public UUID accountId;

    @Column(name = "order_id", nullable = false)
    public UUID orderId;

    @Column(nullable = false)
    public String domain;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RegistrationStatus status;

    @Column(name = "registrar_reference")
    public String registrarReference;

    public String registry;

    @Enumerated(EnumType.STRING)
    @Column(name = "registrant_type")
    public RegistrantType registrantType;

    @Column(name = "whois_published")
    public Boolean whoisPublished;

    /** Comma-separated names of the registrant's fields the public Whois shows. */
    @Column(name = "whois_fields")
    public String whoisFields;

    @Column(name = "requested_at", nullable = false)
    public Instant requestedAt;

    @Column(name = "registered_at")
    public Instant registeredAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public String detail;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "contact_update_due", nullable = false)
    public boolean contactUpdateDue;

    @Column(name = "contact_erase_due", nullable = false)
    public boolean contactEraseDue;

    @Column(name = "contact_erased_at")
    public Instant contactErasedAt;
}
