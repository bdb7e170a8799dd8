package io.cloudpro.identity.repository;

import static io.cloudpro.platform.persistence.SqlTimes.instant;

import io.agroal.api.AgroalDataSource;
import io.cloudpro.identity.domain.Credential;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/**
 * The one query every authenticated request to identity-service costs: is the token's session
 * open, and is its login still active - with the login's current roles. Plain JDBC without a
 * transaction: it runs during authentication, before any resource or transaction exists.
 */
@ApplicationScoped
public class LiveLoginRepository {

    private final AgroalDataSource dataSource;

    LiveLoginRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A session with its login, as they are now. */
    public record LiveLogin(UUID sessionId, UUID loginId, Credential.Kind kind, UUID accountId,
                            Credential.Status status, String roles, Instant sessionExpiresAt, Instant sessionRevokedAt) {

        public boolean isLive(Instant now) {
            return sessionRevokedAt == null && now.isBefore(sessionExpiresAt) && status == Credential.Status.ACTIVE;
        }
    }

    /** The session and its login, or null if there is no such session. */
    public LiveLogin find(UUID sessionId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("""
                     SELECT c.id, c.kind, c.account_id, c.status, c.roles, s.expires_at, s.revoked_at
                       FROM session s JOIN credential c ON c.id = s.credential_id
                      WHERE s.id = ?""")) {
            query.setObject(1, sessionId);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                return new LiveLogin(sessionId, row.getObject(1, UUID.class), Credential.Kind.valueOf(row.getString(2)),
                        row.getObject(3, UUID.class), Credential.Status.valueOf(row.getString(4)), row.getString(5),
                        instant(row, 6), instant(row, 7));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the session", e);
        }
    }
}
