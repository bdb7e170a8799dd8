package io.cloudpro.retention.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What a participant answered to a PURGE: counts, cut-off, holds that kept records; no personal data. Kept 5 years. */
@Entity
@Table(name = "purge_receipt")
public class PurgeReceipt {

    @Id
    @Column(name = "command_id")
    public UUID commandId;

    @Column(nullable = false)
    public String category;

    @Column(nullable = false)
    public String service;

    /** PURGED, WITHHELD (a hold kept everything) or NONE (the service does not purge the category). */
    @Column(nullable = false)
    public String outcome;

    @Column(nullable = false)
    public long purged;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "hold_references", nullable = false)
    public List<String> holdReferences;

    public Instant cutoff;

    @Column(name = "completed_at", nullable = false)
    public Instant completedAt;

    @Column(name = "keep_until", nullable = false)
    public Instant keepUntil;
}
