package io.cloudpro.order.repository;

import io.agroal.api.AgroalDataSource;
import io.cloudpro.platform.persistence.SqlFailures;
import io.cloudpro.platform.persistence.SqlTimes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Keys of create requests per account and operation, with a hash of the body and the resource made. */
@ApplicationScoped
public class IdempotencyRepository {

    private final EntityManager entityManager;
    private final AgroalDataSource dataSource;

    IdempotencyRepository(EntityManager entityManager, AgroalDataSource dataSource) {
        this.entityManager = entityManager;
        this.dataSource = dataSource;
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
        // plain JDBC: every create request with a key passes here
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO idempotent_request (account_id, operation, request_key, request_hash, resource_id, created_at)
                    VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")) {
                insert.setObject(1, accountId);
                insert.setString(2, operation);
                insert.setString(3, key);
                insert.setString(4, requestHash);
                insert.setObject(5, resourceId);
                insert.setObject(6, SqlTimes.utc(now));
                if (insert.executeUpdate() == 1) {
                    return Optional.empty();
                }
            }
            try (PreparedStatement query = connection.prepareStatement("""
                    SELECT request_hash, resource_id FROM idempotent_request
                     WHERE account_id = ? AND operation = ? AND request_key = ?""")) {
                query.setObject(1, accountId);
                query.setString(2, operation);
                query.setString(3, key);
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    return Optional.of(new Earlier(row.getString(1), row.getObject(2, UUID.class)));
                }
            }
        } catch (SQLException e) {
            throw SqlFailures.of("claim an idempotency key", e);
        }
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
