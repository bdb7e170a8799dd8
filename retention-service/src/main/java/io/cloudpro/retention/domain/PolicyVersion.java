package io.cloudpro.retention.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** One version of a policy's period: who set it (null: the service's catalogue), when and why. */
@Entity
@Table(name = "retention_policy_version")
public class PolicyVersion {

    @EmbeddedId
    public Key key;

    @Column(nullable = false)
    public String period;

    @Column(name = "changed_by")
    public UUID changedBy;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    @Column(nullable = false)
    public String reason;

    @Embeddable
    public record Key(String category, int version) implements Serializable {
    }
}
