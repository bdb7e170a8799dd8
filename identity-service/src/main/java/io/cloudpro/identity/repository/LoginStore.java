package io.cloudpro.identity.repository;

import static io.cloudpro.platform.persistence.SqlTimes.instant;
import static io.cloudpro.platform.persistence.SqlTimes.utc;

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
import java.util.UUID;

/**
 * The database side of password checks, in plain JDBC: logins are the hot path of the service
 * (dozens a second, each paying for an argon2id hash), so they skip the ORM. The statements run in
 * the caller's transaction when there is one (the pool enlists the connection), else each on its own.
 */
@ApplicationScoped
public class LoginStore {

    /** Advisory-lock namespaces: one e-mail address, one client (IPv4 address or IPv6 /64). */
    private static final int ADDRESS_LOCK = 0x1D01;
    private static final int CLIENT_LOCK = 0x1D02;

    private final AgroalDataSource dataSource;

    LoginStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * What an attempt starts from.
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
            SELECT c.id, c.kind, c.account_id, c.email, c.password_hash, c.status, c.roles, c.email_verified,
                   (SELECT count(*) FROM address WHERE password_checked),
                   (SELECT occurred_at FROM address WHERE password_checked ORDER BY occurred_at DESC OFFSET ? LIMIT 1),
                   (SELECT count(*) FROM address, last_success
                     WHERE outcome IN ('FAILURE', 'PENDING') AND (last_success.at IS NULL OR occurred_at > last_success.at)),
                   (SELECT max(occurred_at) FROM address WHERE outcome IN ('FAILURE', 'PENDING')),
                   (SELECT count(*) FROM login_attempt
                     WHERE throttle_key = ? AND occurred_at > ? AND outcome IN ('FAILURE', 'PENDING')),
                   (SELECT max(occurred_at) FROM login_attempt
                     WHERE throttle_key = ? AND occurred_at > ? AND outcome IN ('FAILURE', 'PENDING')),
                   EXISTS (SELECT 1 FROM login_attempt k
                            WHERE k.credential_id = c.id AND k.network = ? AND k.occurred_at > ?
                              AND k.outcome IN ('SUCCESS', 'REGISTERED'))
              FROM (SELECT 1) AS one
              LEFT JOIN credential c ON c.email = ? AND c.status NOT IN ('REVOKED', 'CLOSED')
            """;

    /**
     * Locks the e-mail address and the client until the caller's transaction ends, then reads the
     * login, the throttle's history of the address and client, and whether the network is known.
     * The locks make parallel attempts for one address (or from one client) decide one after the
     * other, each seeing the attempts reserved before it; always in this order, address then client.
     * Two statements sent in one round trip: the second takes its snapshot after the locks are held.
     */
    public Context lockAndReadContext(String email, String emailHash, Instant addressSince, String throttleKey,
                                      Instant clientSince, String network, Instant networkSince, int maxChecksPerHour) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT pg_advisory_xact_lock(?, hashtext(?)), pg_advisory_xact_lock(?, hashtext(?));\n" + CONTEXT)) {
            query.setInt(1, ADDRESS_LOCK);
            query.setString(2, emailHash);
            query.setInt(3, CLIENT_LOCK);
            query.setString(4, throttleKey);
            query.setString(5, emailHash);
            query.setObject(6, utc(addressSince));
            query.setInt(7, maxChecksPerHour - 1);
            query.setString(8, throttleKey);
            query.setObject(9, utc(clientSince));
            query.setString(10, throttleKey);
            query.setObject(11, utc(clientSince));
            query.setString(12, network);
            query.setObject(13, utc(networkSince));
            query.setString(14, email);
            query.execute();
            if (!query.getMoreResults()) {
                throw new IllegalStateException("the login context query returned nothing");
            }
            try (ResultSet row = query.getResultSet()) {
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
                    login.emailVerified = row.getBoolean(8);
                }
                AttemptHistory history = new AttemptHistory(row.getLong(9), instant(row, 10), row.getLong(11),
                        instant(row, 12), row.getLong(13), instant(row, 14));
                return new Context(login, history, row.getBoolean(15));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the login context", e);
        }
    }

    /** Stores an attempt (a reservation, a throttled attempt, a registration). */
    public void insert(LoginAttempt attempt) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO login_attempt (id, occurred_at, email_hash, credential_id, ip, throttle_key, network,
                                                user_agent, outcome, password_checked, new_location, purpose)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setObject(1, attempt.id);
            insert.setObject(2, utc(attempt.occurredAt));
            insert.setString(3, attempt.emailHash);
            insert.setObject(4, attempt.credentialId);
            insert.setString(5, attempt.ip);
            insert.setString(6, attempt.throttleKey);
            insert.setString(7, attempt.network);
            insert.setString(8, attempt.userAgent);
            insert.setString(9, attempt.outcome.name());
            insert.setBoolean(10, attempt.passwordChecked);
            insert.setBoolean(11, attempt.newLocation);
            insert.setString(12, attempt.purpose.name());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the login attempt", e);
        }
    }

    /** Records the outcome of a reserved attempt once the password was checked. */
    public void complete(UUID attemptId, LoginAttempt.Outcome outcome, boolean newLocation) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE login_attempt SET outcome = ?, new_location = ? WHERE id = ?")) {
            update.setString(1, outcome.name());
            update.setBoolean(2, newLocation);
            update.setObject(3, attemptId);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the outcome of the login attempt", e);
        }
    }

    /**
     * Records a successful attempt and opens the session it earns, with its first refresh token: one
     * statement, atomic by itself, so the usual login needs no transaction of its own.
     */
    public void recordSuccess(UUID attemptId, boolean newLocation, Session session, RefreshToken refreshToken) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     WITH attempt AS (
                         UPDATE login_attempt SET outcome = 'SUCCESS', new_location = ? WHERE id = ?),
                     new_session AS (
                         INSERT INTO session (id, credential_id, created_at, expires_at) VALUES (?, ?, ?, ?))
                     INSERT INTO refresh_token (token_hash, session_id, issued_at, expires_at) VALUES (?, ?, ?, ?)""")) {
            insert.setBoolean(1, newLocation);
            insert.setObject(2, attemptId);
            insert.setObject(3, session.id);
            insert.setObject(4, session.credentialId);
            insert.setObject(5, utc(session.createdAt));
            insert.setObject(6, utc(session.expiresAt));
            insert.setString(7, refreshToken.tokenHash);
            insert.setObject(8, refreshToken.sessionId);
            insert.setObject(9, utc(refreshToken.issuedAt));
            insert.setObject(10, utc(refreshToken.expiresAt));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the session", e);
        }
    }
}
