package io.cloudpro.retention.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The retention clock of one subject's data in one category, started by an event; due at {@code dueAt}. */
@Entity
@Table(name = "retention_clock")
public class RetentionClock {

    public enum State { RUNNING, PURGE_SENT, PURGED, STOPPED }

    @Id
    public UUID id;

    @Column(nullable = false)
    public String category;

    @Column(nullable = false)
    public String service;

    /** The id the subject is known by in the event (an application's id, an account's id). */
    @Column(name = "subject_id", nullable = false)
    public UUID subjectId;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "application_ids", nullable = false)
    public List<UUID> applicationIds = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "account_ids", nullable = false)
    public List<UUID> accountIds = new ArrayList<>();

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "due_at", nullable = false)
    public Instant dueAt;

    /** The event that started (or last moved) it. */
    @Column(name = "started_by", nullable = false)
    public UUID startedBy;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;

    @Column(name = "command_id")
    public UUID commandId;
}
