package io.cloudpro.identity.repository;

import io.agroal.api.AgroalDataSource;
import io.cloudpro.identity.domain.AttemptHistory;
import io.cloudpro.identity.domain.Credential;
import io.cloudpro.identity.domain.LoginAttempt;
import io.cloudpro.identity.domain.RefreshToken;
import io.cloudpro.identity.domain.Session;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * The database side of a login, in plain JDBC: one statement before the password hash and one
 * after it. Logins are the hot path of the service (dozens a second, each already paying for an
 * argon2id hash), so they skip the ORM and need no transaction of their own - each statement is
 * atomic by itself. Everything else about logins goes through {@link LoginAttemptRepository}.
 */
@ApplicationScoped
public class LoginStore {

    private final AgroalDataSource dataSource;

    LoginStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * What a login attempt starts from.
     *
     * @param login        the live login of the address (not managed by the ORM), or null
     * @param history      what the throttle decides on
     * @param knownNetwork whether the login was used, or its account created, from the attempt's
     *                     network within the new-location window
     */
    public record Context(Credential login, AttemptHistory history, boolean knownNetwork) {
    }

    private static final String CONTEXT = """
            WITH address AS (
                SELECT occurred_at, outcome, password_checked FROM login_attempt
                 WHERE email_hash = ? AND occurred_at > ? AND outcome <> 'REGISTERED'),
            last_success AS (SELECT max(occurred_at) AS at FROM address WHERE outcome = 'SUCCESS')
            SELECT c.id, c.kind, c.account_id, c.email, c.password_hash, c.status, c.roles,
                   (SELECT count(*) FROM address WHERE password_checked),
                   (SELECT occurred_at FROM address WHERE password_checked ORDER BY occurred_at DESC OFFSET ? LIMIT 1),
                   (SELECT count(*) FROM address, last_success
                     WHERE outcome = 'FAILURE' AND (last_success.at IS NULL OR occurred_at > last_success.at)),
                   (SELECT max(occurred_at) FROM address WHERE outcome = 'FAILURE'),
                   (SELECT count(*) FROM login_attempt WHERE ip = ? AND occurred_at > ? AND outcome = 'FAILURE'),
                   (SELECT max(occurred_at) FROM login_attempt WHERE ip = ? AND occurred_at > ? AND outcome = 'FAILURE'),
                   EXISTS (SELECT 1 FROM login_attempt k
                            WHERE k.credential_id = c.id AND k.network = ? AND k.occurred_at > ?
                              AND k.outcome IN ('SUCCESS', 'REGISTERED'))
              FROM (SELECT 1) AS one
              LEFT JOIN credential c ON c.email = ? AND c.status NOT IN ('REVOKED', 'CLOSED')
            """;

    /** One round trip: the login, the throttle's history of the address and IP address, the network. */
    public Context context(String email, String emailHash, Instant addressSince, String ip, Instant ipSince,
                           String network, Instant networkSince, int maxChecksPerHour) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(CONTEXT)) {
            query.setString(1, emailHash);
            query.setObject(2, utc(addressSince));
            query.setInt(3, maxChecksPerHour - 1);
            query.setString(4, ip);
            query.setObject(5, utc(ipSince));
            query.setString(6, ip);
            query.setObject(7, utc(ipSince));
            query.setString(8, network);
            query.setObject(9, utc(networkSince));
            query.setString(10, email);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                Credential login = null;
                if (row.getObject(1) != null) {
                    login = new Credential();
                    login.id = row.getObject(1, UUID.class);
                    login.kind = Credential.Kind.valueOf(row.getString(2));
                    login.accountId = row.getObject(3, UUID.class);
                    login.email = row.getString(4);
                    login.passwordHash = row.getString(5);
                    login.status = Credential.Status.valueOf(row.getString(6));
                    login.roles = row.getString(7);
                }
                AttemptHistory history = new AttemptHistory(row.getLong(8), instant(row, 9), row.getLong(10),
                        instant(row, 11), row.getLong(12), instant(row, 13));
                return new Context(login, history, row.getBoolean(14));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the login context", e);
        }
    }

    /** Stores a failed or throttled attempt. */
    public void recordFailure(LoginAttempt attempt) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO login_attempt (id, occurred_at, email_hash, credential_id, ip, network, user_agent,
                                                outcome, password_checked, new_location)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, false)""")) {
            setAttempt(insert, attempt);
            insert.setString(8, attempt.outcome.name());
            insert.setBoolean(9, attempt.passwordChecked);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the login attempt", e);
        }
    }

    /** Stores a successful attempt with the session and refresh token it opens: one statement. */
    public void recordSuccess(LoginAttempt attempt, Session session, RefreshToken refreshToken) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     WITH attempt AS (
                         INSERT INTO login_attempt (id, occurred_at, email_hash, credential_id, ip, network, user_agent,
                                                    outcome, password_checked, new_location)
                         VALUES (?, ?, ?, ?, ?, ?, ?, 'SUCCESS', true, ?)),
                     new_session AS (
                         INSERT INTO session (id, credential_id, created_at, expires_at) VALUES (?, ?, ?, ?))
                     INSERT INTO refresh_token (token_hash, session_id, issued_at, expires_at) VALUES (?, ?, ?, ?)""")) {
            setAttempt(insert, attempt);
            insert.setBoolean(8, attempt.newLocation);
            insert.setObject(9, session.id);
            insert.setObject(10, session.credentialId);
            insert.setObject(11, utc(session.createdAt));
            insert.setObject(12, utc(session.expiresAt));
            insert.setString(13, refreshToken.tokenHash);
            insert.setObject(14, refreshToken.sessionId);
            insert.setObject(15, utc(refreshToken.issuedAt));
            insert.setObject(16, utc(refreshToken.expiresAt));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the login", e);
        }
    }

    private static void setAttempt(PreparedStatement insert, LoginAttempt attempt) throws SQLException {
        insert.setObject(1, attempt.id);
        insert.setObject(2, utc(attempt.occurredAt));
        insert.setString(3, attempt.emailHash);
        insert.setObject(4, attempt.credentialId);
        insert.setString(5, attempt.ip);
        insert.setString(6, attempt.network);
        insert.setString(7, attempt.userAgent);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
