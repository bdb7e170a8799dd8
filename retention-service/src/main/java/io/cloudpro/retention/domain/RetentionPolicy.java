package io.cloudpro.retention.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How long one data category is kept: the period in force (the service's declared one unless the
 * privacy officer changed it), what starts it, and what happens at the end. A category without a
 * start event is a rolling rule: its records go once they are older than the period.
 */
@Entity
@Table(name = "retention_policy")
public class RetentionPolicy {

    @Id
    public String category;

    /** The services that hold the category: one, or every service for the platform's own categories. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public List<String> services = new ArrayList<>();

    @Column(nullable = false)
    public String name;

    /** ISO-8601 period in force, e.g. P90D. */
    @Column(nullable = false)
    public String period;

    /** The period the owning service's catalogue declares. */
    @Column(name = "declared_period", nullable = false)
    public String declaredPeriod;

    @Column(name = "statutory_minimum")
    public String statutoryMinimum;

    public String law;

    @Column(name = "starts_at", nullable = false)
    public String startsAt;

    @Column(name = "start_event")
    public String startEvent;

    @Column(nullable = false)
    public String action;

    /** RETENTION_SERVICE, or OWNER when the service deletes it itself as it expires (no purges). */
    @Column(name = "enforced_by", nullable = false)
    public String enforcedBy = "RETENTION_SERVICE";

    @Column(nullable = false)
    public int version;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public boolean isRolling() {
        return startEvent == null;
    }
}
