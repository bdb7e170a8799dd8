package io.cloudpro.identity.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** A customer account: the contract holder's name, address, company and contact details. */
@Entity
@Table(name = "account")
public class Account {

    public enum Status { ACTIVE, LOCKED, CLOSED }

    /** Also the id of the owner's {@link Credential}. */
    @Id
    public UUID id;

    /** Name and address; null once the account was erased. */
    @Column(name = "first_name")
    public String firstName;
    @Column(name = "last_name")
    public String lastName;
    public String street;
    @Column(name = "postal_code")
    public String postalCode;
    public String city;
    /** ISO 3166-1 alpha-2. */
    public String country;
    /** E.164, for emergencies only. */
    public String phone;

    @Column(name = "company_name")
    public String companyName;
    @Column(name = "company_street")
    public String companyStreet;
    @Column(name = "company_postal_code")
    public String companyPostalCode;
    @Column(name = "company_city")
    public String companyCity;
    @Column(name = "company_country")
    public String companyCountry;
    /** Dutch BTW-id (VAT identification number), e.g. NL181702587B02. */
    @Column(name = "company_vat_id")
    public String companyVatId;
    /** Chamber of Commerce (KvK) number, 8 digits. */
    @Column(name = "company_kvk_number")
    public String companyKvkNumber;

    @Column(name = "newsletter_subscribed", nullable = false)
    public boolean newsletterSubscribed;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
    @Column(name = "closed_at")
    public Instant closedAt;

    /** Set when the account's personal data was erased on request: only this shell is left. */
    @Column(name = "erased_at")
    public Instant erasedAt;

    /** Set while processing is restricted (GDPR art. 18): kept, not processed beyond storage. */
    @Column(name = "restricted_at")
    public Instant restrictedAt;

    @Version
    public long version;

    public boolean hasCompany() {
        return companyName != null;
    }
}
