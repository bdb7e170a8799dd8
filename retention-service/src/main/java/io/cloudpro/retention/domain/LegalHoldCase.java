package io.cloudpro.retention.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A legal hold: the data of a subject (any id they are known by), of a category, or of one
 * subject's category must not be erased or purged while it is active. Placed and lifted by the
 * privacy officer with a reason and a case reference; only the reference travels to the services.
 */
@Entity
@Table(name = "legal_hold_case")
public class LegalHoldCase {

    @Id
    public UUID id;

    @Column(name = "subject_id")
    public UUID subjectId;

    public String category;

    @Column(nullable = false)
    public String reference;

    @Column(nullable = false)
    public String reason;

    @Column(name = "placed_by", nullable = false)
    public UUID placedBy;

    @Column(name = "placed_at", nullable = false)
    public Instant placedAt;

    @Column(name = "lifted_by")
    public UUID liftedBy;

    @Column(name = "lifted_at")
    public Instant liftedAt;

    @Column(name = "lift_reason")
    public String liftReason;

    public boolean isActive() {
        return liftedAt == null;
    }
}
