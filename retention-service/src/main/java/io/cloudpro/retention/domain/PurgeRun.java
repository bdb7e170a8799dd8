package io.cloudpro.retention.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A PURGE sent to the service that owns a category; sent again under the same id until its receipt comes. */
@Entity
@Table(name = "purge_run")
public class PurgeRun {

    @Id
    @Column(name = "command_id")
    public UUID commandId;

    @Column(nullable = false)
    public String category;

    @Column(nullable = false)
    public String service;

    /** The rule's id for a purge by cut-off; the subject's for a clock. */
    @Column(name = "subject_id", nullable = false)
    public UUID subjectId;

    public Instant cutoff;

    @Column(name = "sent_at", nullable = false)
    public Instant sentAt;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "completed_at")
    public Instant completedAt;
}
