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

/** A response to a vacancy. Its CV is a separate row ({@link JobApplicationCv}) so lists stay light. */
@Entity
@Table(name = "job_application")
public class JobApplication {

    public enum Status { SUBMITTED, HIRED, REJECTED }

    @Id
    public UUID id;

    @Column(name = "first_name", nullable = false)
    public String firstName;
    @Column(name = "last_name", nullable = false)
    public String lastName;
    @Column(nullable = false)
    public String email;
    @Column(nullable = false)
    public String vacancy;
    @Column(nullable = false, columnDefinition = "text")
    public String motivation;
    @Column(name = "portfolio_url")
    public String portfolioUrl;

    /** The applicant agreed to be kept on file for up to a year if rejected. */
    @Column(name = "keep_on_file_consent", nullable = false)
    public boolean keepOnFileConsent;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "submitted_at", nullable = false)
    public Instant submittedAt;
    @Column(name = "decided_at")
    public Instant decidedAt;
    @Column(name = "decided_by")
    public UUID decidedBy;
    /** After a rejection: when the application must be gone. */
    @Column(name = "retain_until")
    public Instant retainUntil;

    @Column(name = "cv_file_name", nullable = false)
    public String cvFileName;
    @Column(name = "cv_size", nullable = false)
    public int cvSize;

    /** Set while processing is restricted (GDPR art. 18). */
    @Column(name = "restricted_at")
    public Instant restrictedAt;

    @Version
    public long version;
}
