package io.cloudpro.identity.service;

import io.cloudpro.identity.config.IdentityConfig;
import io.cloudpro.identity.domain.Credential;
import io.cloudpro.identity.domain.LoginAttempt;
import io.cloudpro.identity.domain.OneTimeToken;
import io.cloudpro.identity.domain.RefreshToken;
import io.cloudpro.identity.domain.Session;
import io.cloudpro.identity.mail.MailOutbox;
import io.cloudpro.identity.mail.MailTemplates;
import io.cloudpro.identity.messaging.IdentityEvents;
import io.cloudpro.identity.repository.CredentialRepository;
import io.cloudpro.identity.repository.LoginStore;
import io.cloudpro.identity.repository.RefreshTokenRepository;
import io.cloudpro.identity.repository.SessionRepository;
import io.cloudpro.identity.security.Networks;
import io.cloudpro.identity.security.OpaqueTokens;
import io.cloudpro.identity.security.PasswordHasher;
import io.cloudpro.platform.problem.ProblemException;
import io.cloudpro.platform.time.Timestamps;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Login, token refresh, logout and first password for invited logins.
 * <p>
 * A login computes exactly one argon2id hash whatever happens - unknown address, wrong password,
 * locked login, throttled address - and answers every failure alike, so neither the answer nor its
 * timing tells whether an address has an account. The hash runs outside any database transaction.
 */
@ApplicationScoped
public class AuthService {

    private final CredentialRepository credentials;
    private final LoginStore loginStore;
    private final SessionRepository sessions;
    private final RefreshTokenRepository refreshTokens;
    private final PasswordHasher hasher;
    private final Sessions sessionFactory;
    private final OneTimeTokens oneTimeTokens;
    private final IdentityEvents events;
    private final MailOutbox mail;
    private final MailTemplates templates;
    private final LoginThrottle throttle;
    private final Duration newLocationWindow;

    AuthService(CredentialRepository credentials, LoginStore loginStore, SessionRepository sessions,
                RefreshTokenRepository refreshTokens, PasswordHasher hasher, Sessions sessionFactory,
                OneTimeTokens oneTimeTokens, IdentityEvents events, MailOutbox mail, MailTemplates templates,
                IdentityConfig config) {
        this.credentials = credentials;
        this.loginStore = loginStore;
        this.sessions = sessions;
        this.refreshTokens = refreshTokens;
        this.hasher = hasher;
        this.sessionFactory = sessionFactory;
        this.oneTimeTokens = oneTimeTokens;
        this.events = events;
        this.mail = mail;
        this.templates = templates;
        this.throttle = new LoginThrottle(config.login());
        this.newLocationWindow = config.login().newLocationWindow();
    }

    public Sessions.TokenPair login(String email, String password, ClientInfo client) {
        String address = Emails.normalise(email);
        String emailHash = Emails.hash(address);
        String network = Networks.of(client.ip());
        Instant now = Timestamps.now();
        // One statement before the hash, one after it; the hash (tens of ms) holds no connection.
        LoginStore.Context context = loginStore.context(address, emailHash, now.minus(LoginThrottle.ADDRESS_WINDOW),
                client.ip(), now.minus(LoginThrottle.IP_WINDOW), network, now.minus(newLocationWindow),
                throttle.maxChecksPerHour());
        Credential login = context.login();
        boolean throttled = throttle.blockedUntil(context.history(), now) != null;
        boolean success;
        if (throttled) {
            hasher.verifyNothing(password);
            success = false;
        } else {
            // verify() against a null or unreadable hash still costs one full hash
            boolean matches = hasher.verify(password, login == null ? null : login.passwordHash);
            success = matches && login.canLogIn();
        }
        LoginAttempt attempt = attempt(emailHash, login == null ? null : login.id, client, network,
                throttled ? LoginAttempt.Outcome.THROTTLED : success ? LoginAttempt.Outcome.SUCCESS : LoginAttempt.Outcome.FAILURE,
                !throttled, now);
        if (!success) {
            loginStore.recordFailure(attempt);
            throw invalidCredentials();
        }

        attempt.newLocation = !context.knownNetwork();
        Session session = sessionFactory.newSession(login, now);
        Sessions.NewRefreshToken refresh = sessionFactory.newRefreshToken(session, now);
        String rehash = hasher.needsRehash(login.passwordHash) ? hasher.hash(password) : null;
        if (rehash == null && !attempt.newLocation) {
            loginStore.recordSuccess(attempt, session, refresh.row()); // the usual case: one statement
        } else {
            QuarkusTransaction.requiringNew().run(() -> {
                if (rehash != null) {
                    // the configured cost went up since this hash was made
                    credentials.update("passwordHash = ?1 WHERE id = ?2", rehash, login.id);
                }
                loginStore.recordSuccess(attempt, session, refresh.row());
                if (attempt.newLocation) {
                    mail.send(templates.newLocation(login.email, now, attempt.network, attempt.userAgent));
                    events.loginNewLocation(new IdentityEvents.LoginNewLocation(login.accountId, login.id,
                            attempt.network, now));
                }
            });
        }
        return sessionFactory.pair(login, session, refresh, now);
    }

    private static LoginAttempt attempt(String emailHash, UUID credentialId, ClientInfo client, String network,
                                        LoginAttempt.Outcome outcome, boolean passwordChecked, Instant now) {
        LoginAttempt attempt = new LoginAttempt();
        attempt.id = UUID.randomUUID();
        attempt.occurredAt = now;
        attempt.emailHash = emailHash;
        attempt.credentialId = credentialId;
        attempt.ip = client.ip();
        attempt.network = network;
        attempt.userAgent = client.userAgent();
        attempt.outcome = outcome;
        attempt.passwordChecked = passwordChecked;
        return attempt;
    }

    /** Spends a refresh token for a new pair; a token used twice ends its whole session. */
    public Sessions.TokenPair refresh(String refreshToken) {
        Instant now = Timestamps.now();
        Sessions.TokenPair pair = QuarkusTransaction.requiringNew().call(() -> {
            RefreshToken row = refreshTokens.findById(OpaqueTokens.hash(refreshToken), LockModeType.PESSIMISTIC_WRITE);
            if (row == null || !now.isBefore(row.expiresAt)) {
                return null;
            }
            Session session = sessions.findById(row.sessionId, LockModeType.PESSIMISTIC_WRITE);
            if (row.spentAt != null) {
                // A spent token came back: it was copied. Whoever holds the family loses it.
                session.revoke(now, "refresh-token-reuse");
                return null;
            }
            Credential login = credentials.findById(session.credentialId);
            if (!session.isActive(now) || login.status != Credential.Status.ACTIVE) {
                return null;
            }
            row.spentAt = now;
            return sessionFactory.rotate(login, session, now);
        });
        if (pair == null) {
            throw new ProblemException(IdentityProblems.INVALID_REFRESH_TOKEN,
                    "The refresh token is unknown, expired, used before or its session has ended; log in again.");
        }
        return pair;
    }

    /** Ends the session of a refresh token and/or a session id; unknown ones are ignored. */
    @Transactional
    public void logout(String refreshToken, UUID sessionId) {
        Instant now = Timestamps.now();
        if (refreshToken != null) {
            RefreshToken row = refreshTokens.findById(OpaqueTokens.hash(refreshToken));
            if (row != null) {
                sessions.findById(row.sessionId).revoke(now, "logout");
            }
        }
        if (sessionId != null) {
            Session session = sessions.findById(sessionId);
            if (session != null) {
                session.revoke(now, "logout");
            }
        }
    }

    /** An invited member or new staff member chooses a first password with their mailed link. */
    @Transactional
    public void activate(String token, String password) {
        OneTimeToken row = oneTimeTokens.redeem(token, Set.of(OneTimeToken.Purpose.ACTIVATE));
        Credential login = credentials.findById(row.credentialId);
        if (login.status != Credential.Status.PENDING) {
            throw new ProblemException(IdentityProblems.INVALID_TOKEN, "This login was activated already or has ended.");
        }
        login.passwordHash = hasher.hash(password);
        login.status = Credential.Status.ACTIVE;
        login.emailVerified = true; // the link reached the mailbox
        login.updatedAt = Timestamps.now();
    }

    static ProblemException invalidCredentials() {
        return new ProblemException(IdentityProblems.INVALID_CREDENTIALS,
                "The e-mail address or password is not right, or this login cannot be used now.");
    }
}
