package io.cloudpro.identity.repository;

import io.cloudpro.identity.domain.Session;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
public class SessionRepository implements PanacheRepositoryBase<Session, UUID> {

    /** Ends every session of a login, except {@code keep} (may be null). */
    public int revokeAll(UUID credentialId, UUID keep, Instant now, String reason) {
        return update("revokedAt = ?1, revokedReason = ?2 WHERE credentialId = ?3 AND revokedAt IS NULL AND id <> ?4",
                now, reason, credentialId, keep == null ? new UUID(0, 0) : keep);
    }
}
