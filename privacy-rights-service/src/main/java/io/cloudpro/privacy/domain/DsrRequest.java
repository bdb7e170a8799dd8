package io.cloudpro.privacy.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A data-subject request: what was asked, by whom (a login or a verified address), about whom (ids,
 * once identity-service was asked), its deadline, and how it ended. JSON columns hold what the
 * service builds and reads as a whole: the subject's ids, the requested changes, the officer's
 * decision and the outcome per participant.
 */
@Entity
@Table(name = "dsr_request")
public class DsrRequest {

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RequestType type;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RequestStatus status;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Channel channel;

    /** The login that filed it (channel LOGIN). */
    @Column(name = "login_id")
    public UUID loginId;

    /** Where answers go: the verified address, or the login's (looked up). */
    public String email;

    @Column(name = "subject_id")
    public UUID subjectId;

    /** The platform's Subject as JSON: every id the person is known by. */
    public String subject;

    /** The person's own words. */
    public String details;

    /** For an objection: "direct-marketing" or a category key. */
    public String processing;

    /** For a rectification: the corrections the person asks for, as a JSON object of field to value. */
    @Column(name = "requested_changes")
    public String requestedChanges;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    @Column(name = "received_on", nullable = false)
    public LocalDate receivedOn;

    @Column(name = "due_on", nullable = false)
    public LocalDate dueOn;

    @Column(name = "extended_to")
    public LocalDate extendedTo;

    @Column(name = "extension_reasons")
    public String extensionReasons;

    @Enumerated(EnumType.STRING)
    @Column(name = "refusal_reason")
    public RefusalReason refusalReason;

    @Column(name = "refusal_explanation")
    public String refusalExplanation;

    /** The officer's decision (corrections, objection upheld or not), as JSON. */
    public String decision;

    /** What the participants did, per service, as JSON. */
    public String outcome;

    @Column(name = "completed_at")
    public Instant completedAt;

    /** The last day the privacy officer was reminded that it is overdue. */
    @Column(name = "reminded_on")
    public LocalDate remindedOn;

    /** When a restriction will be lifted; the person was told when it was decided. */
    @Column(name = "lift_restriction_at")
    public Instant liftRestrictionAt;

    @Version
    public long version;

    /** The deadline in force: the extended one, if extended. */
    public LocalDate deadline() {
        return extendedTo != null ? extendedTo : dueOn;
    }

    public boolean isOverdue(LocalDate today) {
        return status.isOpen() && today.isAfter(deadline());
    }
}
