package io.cloudpro.order.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Keys of create requests per account and operation, with a hash of the body and the resource made. */
@ApplicationScoped
public class IdempotencyRepository {

    private final EntityManager entityManager;

    IdempotencyRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** A key seen before: the hash of its body, and the resource it made. */
    public record Earlier(String requestHash, UUID resourceId) {
    }

    /**
     * Claims the key for this transaction and the resource it is about to make; empty when claimed
     * now. When another transaction holds the same key, this waits until it ends and then sees what
     * it made (or claims the key if it rolled back).
     */
    public Optional<Earlier> claim(UUID accountId, String operation, String key, String requestHash, UUID resourceId,
                                   Instant now) {
        int inserted = entityManager.createNativeQuery("""
                        INSERT INTO idempotent_request (account_id, operation, request_key, request_hash, resource_id, created_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING""")
                .setParameter(1, accountId)
                .setParameter(2, operation)
                .setParameter(3, key)
                .setParameter(4, requestHash)
                .setParameter(5, resourceId)
                .setParameter(6, now)
                .executeUpdate();
        if (inserted == 1) {
            return Optional.empty();
        }
        Object[] row = (Object[]) entityManager.createNativeQuery("""
                        SELECT request_hash, resource_id FROM idempotent_request
                         WHERE account_id = ?1 AND operation = ?2 AND request_key = ?3""")
                .setParameter(1, accountId)
                .setParameter(2, operation)
                .setParameter(3, key)
                .getSingleResult();
        return Optional.of(new Earlier((String) row[0], (UUID) row[1]));
    }

    public int deleteOlderThan(Instant cutoff) {
        return entityManager.createNativeQuery("DELETE FROM idempotent_request WHERE created_at < ?1")
                .setParameter(1, cutoff).executeUpdate();
    }

    public int deleteOf(Collection<UUID> accountIds) {
        if (accountIds.isEmpty()) {
            return 0;
        }
        return entityManager.createNativeQuery("DELETE FROM idempotent_request WHERE account_id IN (?1)")
                .setParameter(1, List.copyOf(accountIds)).executeUpdate();
    }
}
