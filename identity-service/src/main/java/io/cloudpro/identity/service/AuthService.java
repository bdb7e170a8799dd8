package io.cloudpro.identity.service;

import io.cloudpro.platform.time.Timestamps;
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
import io.cloudpro.identity.repository.LoginAttemptRepository;
import io.cloudpro.identity.repository.RefreshTokenRepository;
import io.cloudpro.identity.repository.SessionRepository;
import io.cloudpro.identity.security.Networks;
import io.cloudpro.identity.security.OpaqueTokens;
import io.cloudpro.identity.security.PasswordHasher;
import io.cloudpro.platform.problem.ProblemException;
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
    private final LoginAttemptRepository attempts;
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

    AuthService(CredentialRepository credentials, LoginAttemptRepository attempts, SessionRepository sessions,
                RefreshTokenRepository refreshTokens, PasswordHasher hasher, Sessions sessionFactory,
                OneTimeTokens oneTimeTokens, IdentityEvents events, MailOutbox mail, MailTemplates templates,
                IdentityConfig config) {
        this.credentials = credentials;
        this.attempts = attempts;
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
        Instant now = Timestamps.now();
        record Found(Credential login, Instant blockedUntil) {
        }
        Found found = QuarkusTransaction.requiringNew().call(() -> new Found(
                credentials.findLiveByEmail(address).orElse(null),
                throttle.blockedUntil(attempts.recentForEmail(emailHash, now.minus(Duration.ofHours(1))),
                        attempts.recentFailuresFromIp(client.ip(), now.minus(LoginThrottle.IP_WINDOW)), now)));
        Credential login = found.login();

        boolean throttled = found.blockedUntil() != null;
        boolean success;
        if (throttled) {
            hasher.verifyNothing(password);
            success = false;
        } else {
            // verify() against a null or unreadable hash still costs one full hash
            boolean matches = hasher.verify(password, login == null ? null : login.passwordHash);
            success = matches && login.canLogIn();
        }
        LoginAttempt.Outcome outcome = throttled ? LoginAttempt.Outcome.THROTTLED
                : success ? LoginAttempt.Outcome.SUCCESS : LoginAttempt.Outcome.FAILURE;
        Sessions.TokenPair tokens = QuarkusTransaction.requiringNew().call(() ->
                recordAttempt(emailHash, login == null ? null : login.id, client, outcome, !throttled, password, now));
        if (!success) {
            throw invalidCredentials();
        }
        return tokens;
    }

    private Sessions.TokenPair recordAttempt(String emailHash, UUID credentialId, ClientInfo client,
                                             LoginAttempt.Outcome outcome, boolean passwordChecked, String password,
                                             Instant now) {
        LoginAttempt attempt = new LoginAttempt();
        attempt.id = UUID.randomUUID();
        attempt.occurredAt = now;
        attempt.emailHash = emailHash;
        attempt.credentialId = credentialId;
        attempt.ip = client.ip();
        attempt.network = Networks.of(client.ip());
        attempt.userAgent = client.userAgent();
        attempt.outcome = outcome;
        attempt.passwordChecked = passwordChecked;
        if (outcome != LoginAttempt.Outcome.SUCCESS) {
            attempts.persist(attempt);
            return null;
        }
        Credential login = credentials.findById(credentialId);
        if (hasher.needsRehash(login.passwordHash)) {
            login.passwordHash = hasher.hash(password); // the configured cost went up since this hash was made
        }
        // decided before this attempt is stored, which would otherwise make every network known
        attempt.newLocation = !attempts.knowsNetwork(login.id, attempt.network, now.minus(newLocationWindow));
        attempts.persist(attempt);
        if (attempt.newLocation) {
            mail.send(templates.newLocation(login.email, now, attempt.network, client.userAgent()));
            events.loginNewLocation(new IdentityEvents.LoginNewLocation(login.accountId, login.id, attempt.network, now));
        }
        return sessionFactory.open(login, now);
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
            return sessionFactory.tokens(login, session, now);
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
