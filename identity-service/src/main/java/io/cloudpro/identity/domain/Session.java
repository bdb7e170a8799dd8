package io.cloudpro.identity.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A login session: one family of refresh tokens, named by the {@code sid} claim of its access
 * tokens. Revoking it ends the family at once, for identity-service's own endpoints too.
 */
@Entity
@Table(name = "session")
public class Session {

    @Id
    public UUID id;

    @Column(name = "credential_id", nullable = false)
    public UUID credentialId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Absolute end: refreshing never extends a session past this. */
    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "revoked_reason")
    public String revokedReason;

    public boolean isActive(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }

    public void revoke(Instant now, String reason) {
        if (revokedAt == null) {
            revokedAt = now;
            revokedReason = reason;
        }
    }
}
