package io.cloudpro.platform.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** This service's copy of the sessions identity-service ended. */
@ApplicationScoped
public class RevokedSessionRepository {

    private final EntityManager entityManager;

    RevokedSessionRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public void add(UUID sessionId, Instant revokedAt, Instant forgetAfter) {
        entityManager.createNativeQuery("""
                        INSERT INTO revoked_session (session_id, revoked_at, forget_after) VALUES (?1, ?2, ?3)
                        ON CONFLICT (session_id) DO NOTHING""")
                .setParameter(1, sessionId)
                .setParameter(2, revokedAt)
                .setParameter(3, forgetAfter)
                .executeUpdate();
    }

    /** Sessions whose tokens may still be presented. */
    @SuppressWarnings("unchecked")
    public List<UUID> stillRelevant(Instant now) {
        return entityManager.createNativeQuery("SELECT session_id FROM revoked_session WHERE forget_after > ?1", UUID.class)
                .setParameter(1, now)
                .getResultList();
    }

    public int deleteForgettable(Instant now) {
        return entityManager.createNativeQuery("DELETE FROM revoked_session WHERE forget_after <= ?1")
                .setParameter(1, now)
                .executeUpdate();
    }
}
