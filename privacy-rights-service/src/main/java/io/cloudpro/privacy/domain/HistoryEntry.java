package io.cloudpro.privacy.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * One step in the tamper-evident history: each entry's hash covers its own fields and the hash of
 * the entry before it, so that changing or removing an entry breaks every hash after it.
 */
@Entity
@Table(name = "history_entry")
public class HistoryEntry {

    @Id
    public long seq;

    @Column(name = "request_id")
    public UUID requestId;

    @Column(name = "complaint_id")
    public UUID complaintId;

    /** What happened, e.g. request.received, decision.extended, participant.answered. */
    @Column(nullable = false)
    public String kind;

    /** requester, officer:<login id>, system, or a service's name. */
    @Column(nullable = false)
    public String actor;

    /** Ids, codes and dates as JSON; never free text. */
    @Column(nullable = false)
    public String details;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    @Column(name = "previous_hash", nullable = false)
    public String previousHash;

    @Column(nullable = false)
    public String hash;
}
