package io.cloudpro.identity.repository;

import io.cloudpro.identity.domain.Session;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class SessionRepository implements PanacheRepositoryBase<Session, UUID> {

    /** A login's sessions that have not been revoked (some may have run out). */
    public List<Session> open(UUID credentialId) {
        return list("credentialId = ?1 AND revokedAt IS NULL", credentialId);
    }

    /** Sessions that ran out, or were revoked before {@code revokedBefore}; their refresh tokens go with them. */
    public long deleteEnded(Instant now, Instant revokedBefore) {
        return delete("expiresAt < ?1 OR revokedAt < ?2", now, revokedBefore);
    }
}
