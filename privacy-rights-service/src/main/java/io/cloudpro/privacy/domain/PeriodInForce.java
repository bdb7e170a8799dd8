package io.cloudpro.privacy.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A category's retention period in force, as retention-service published it last. */
@Entity
@Table(name = "period_in_force")
public class PeriodInForce {

    @Id
    public String category;

    @Column(nullable = false)
    public String period;

    /** The policy's version: an older one that arrives late changes nothing. */
    @Column(nullable = false)
    public int version;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    /** When it arrived here: a change makes the privacy statement due for a new version. */
    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;
}
