package io.cloudpro.identity.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** An objection (GDPR art. 21) to processing other than direct marketing, with the privacy officer's decision. */
@Entity
@Table(name = "processing_objection")
public class ProcessingObjection {

    @Id
    public UUID id;

    /** privacy-rights-service's id of the person. */
    @Column(name = "subject_id", nullable = false)
    public UUID subjectId;

    /** The catalogue category objected to, e.g. identity.login-history. */
    @Column(nullable = false)
    public String processing;

    /** Whether the officer upheld it: then the processing stopped for this person. */
    @Column(nullable = false)
    public boolean upheld;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;
}
