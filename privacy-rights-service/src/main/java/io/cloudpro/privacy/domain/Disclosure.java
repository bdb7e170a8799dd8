package io.cloudpro.privacy.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One entry of the register of disclosures: personal data that left the company, to whom and why. */
@Entity
@Table(name = "disclosure")
public class Disclosure {

    /** SERVICE: published by the service that sent it; POLICE_CLAIM: recorded by the privacy officer. */
    public enum Kind { SERVICE, POLICE_CLAIM }

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @Column(nullable = false)
    public String service;

    @Column(name = "subject_id", nullable = false)
    public UUID subjectId;

    @Column(nullable = false)
    public String recipient;

    /** Category keys, comma-separated. */
    @Column(nullable = false)
    public String categories;

    /** Field names, comma-separated (never values). */
    @Column(nullable = false)
    public String fields;

    @Column(nullable = false)
    public String basis;

    /** A payment id, a domain, a claim reference. */
    @Column(nullable = false)
    public String reference;

    @Column(name = "disclosed_at", nullable = false)
    public Instant disclosedAt;

    /** The officer who recorded a police claim. */
    @Column(name = "recorded_by")
    public UUID recordedBy;
}
