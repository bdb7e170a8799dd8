package io.cloudpro.privacy.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One version of the privacy statement, as generated from the register of processing. */
@Entity
@Table(name = "statement_version")
public class StatementVersion {

    /** The date it took effect, e.g. 2026-11-25, with ".2" for a second version that day. */
    @Id
    public String version;

    @Column(name = "published_at", nullable = false)
    public Instant publishedAt;

    /** The statement as JSON. */
    @Column(nullable = false)
    public String content;

    /** SHA-256 of what it says (without its version and date), to tell a real change from a restart. */
    @Column(name = "content_hash", nullable = false)
    public String contentHash;
}
