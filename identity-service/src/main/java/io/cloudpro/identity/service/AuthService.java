package io.cloudpro.identity.service;

import io.cloudpro.identity.config.IdentityConfig;
import io.cloudpro.identity.domain.Credential;
import io.cloudpro.identity.domain.LoginAttempt;
import io.cloudpro.identity.domain.OneTimeToken;
import io.cloudpro.identity.domain.RefreshToken;
import io.cloudpro.identity.domain.Session;
import io.cloudpro.identity.mail.MailTemplates;
import io.cloudpro.identity.messaging.IdentityEvents;
import io.cloudpro.identity.repository.CredentialRepository;
import io.cloudpro.identity.repository.LoginStore;
import io.cloudpro.identity.repository.RefreshTokenRepository;
import io.cloudpro.identity.repository.SessionRepository;
import io.cloudpro.identity.security.OpaqueTokens;
import io.cloudpro.identity.security.PasswordHasher;
import io.cloudpro.platform.mail.MailOutbox;
import io.cloudpro.platform.problem.ProblemException;
import io.cloudpro.platform.time.Timestamps;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Login, token refresh, logout, first passwords for invited logins, and password reset.
 * <p>
 * A login that is not throttled computes exactly one argon2id hash whatever happens - unknown
 * address, wrong password, locked or unconfirmed login - and answers every such failure alike, so
 * neither the answer nor its timing tells whether an address has an account. A throttled login is
 * refused with 429 before any hash, alike for known and unknown addresses. No hash runs inside a
 * database transaction.
 */
@ApplicationScoped
public class AuthService {

    private final CredentialRepository credentials;
    private final LoginStore loginStore;
    private final SessionRepository sessions;
    private final RefreshTokenRepository refreshTokens;
    private final PasswordHasher hasher;
    private final PasswordChecks passwordChecks;
    private final Sessions sessionFactory;
    private final OneTimeTokens oneTimeTokens;
    private final IdentityEvents events;
    private final MailOutbox mail;
    private final MailTemplates templates;
    private final Duration refreshReuseGrace;

    AuthService(CredentialRepository credentials, LoginStore loginStore, SessionRepository sessions,
                RefreshTokenRepository refreshTokens, PasswordHasher hasher, PasswordChecks passwordChecks,
                Sessions sessionFactory, OneTimeTokens oneTimeTokens, IdentityEvents events, MailOutbox mail,
                MailTemplates templates, IdentityConfig config) {
        this.credentials = credentials;
        this.loginStore = loginStore;
        this.sessions = sessions;
        this.refreshTokens = refreshTokens;
        this.hasher = hasher;
        this.passwordChecks = passwordChecks;
        this.sessionFactory = sessionFactory;
        this.oneTimeTokens = oneTimeTokens;
        this.events = events;
        this.mail = mail;
        this.templates = templates;
        this.refreshReuseGrace = config.jwt().refreshReuseGrace();
    }

    public Sessions.TokenPair login(String email, String password, ClientInfo client) {
        PasswordChecks.Checked checked = passwordChecks.check(email, password, client, LoginAttempt.Purpose.LOGIN);
        Credential login = checked.login();
        if (!checked.matches() || !login.canLogIn()) {
            passwordChecks.failed(checked);
            throw invalidCredentials();
        }
        Instant now = Timestamps.now();
        boolean newLocation = !checked.knownNetwork();
        Session session = sessionFactory.newSession(login, now);
        Sessions.NewRefreshToken refresh = sessionFactory.newRefreshToken(session, now);
        // the configured cost went up since this hash was made: replace it (hashed before the transaction)
        String rehash = hasher.needsRehash(login.passwordHash) ? hasher.hash(password) : null;
        if (rehash == null && !newLocation) {
            loginStore.recordSuccess(checked.attempt().id, false, session, refresh.row()); // the usual case: one statement
            return sessionFactory.pair(login, session, refresh, now);
        }
        QuarkusTransaction.requiringNew().run(() -> {
            loginStore.recordSuccess(checked.attempt().id, newLocation, session, refresh.row());
            if (rehash != null) {
                credentials.update("passwordHash = ?1 WHERE id = ?2", rehash, login.id);
            }
            if (newLocation) {
                mail.send(templates.newLocation(login.email, now, checked.attempt().network, client.userAgent()));
                events.loginNewLocation(new IdentityEvents.LoginNewLocation(login.accountId, login.id,
                        checked.attempt().network, now));
            }
        });
        return sessionFactory.pair(login, session, refresh, now);
    }

    /**
     * Spends a refresh token for a new pair. A token presented again within the grace window (two
     * tabs refreshing at once, a retried request) gets a pair of its own; presented later, it was
     * copied, and its whole session ends.
     */
    public Sessions.TokenPair refresh(String refreshToken) {
        Instant now = Timestamps.now();
        Sessions.TokenPair pair = QuarkusTransaction.requiringNew().call(() -> {
            RefreshToken row = refreshTokens.findById(OpaqueTokens.hash(refreshToken), LockModeType.PESSIMISTIC_WRITE);
            if (row == null || !now.isBefore(row.expiresAt)) {
                return null;
            }
            Session session = sessions.findById(row.sessionId, LockModeType.PESSIMISTIC_WRITE);
            if (row.spentAt != null && now.isAfter(row.spentAt.plus(refreshReuseGrace))) {
                // A spent token came back: it was copied. Whoever holds the family loses it.
                sessionFactory.revoke(session, "refresh-token-reuse");
                return null;
            }
            Credential login = credentials.findById(session.credentialId);
            if (!session.isActive(now) || login.status != Credential.Status.ACTIVE) {
                return null;
            }
            if (row.spentAt == null) {
                row.spentAt = now;
            }
            return sessionFactory.rotate(login, session, now);
        });
        if (pair == null) {
            throw new ProblemException(IdentityProblems.INVALID_REFRESH_TOKEN,
                    "The refresh token is unknown, expired, used before or its session has ended; log in again.");
        }
        return pair;
    }

    /** Ends the session of a refresh token and/or a session id; unknown ones are ignored. */
    public void logout(String refreshToken, UUID sessionId) {
        QuarkusTransaction.requiringNew().run(() -> {
            if (refreshToken != null) {
                RefreshToken row = refreshTokens.findById(OpaqueTokens.hash(refreshToken));
                if (row != null) {
                    sessionFactory.revoke(sessions.findById(row.sessionId), "logout");
                }
            }
            if (sessionId != null) {
                Session session = sessions.findById(sessionId);
                if (session != null) {
                    sessionFactory.revoke(session, "logout");
                }
            }
        });
    }

    /** An invited member or new staff member chooses a first password with their mailed link. */
    public void activate(String token, String password) {
        setPasswordWithLink(token, OneTimeToken.Purpose.ACTIVATE, password, login -> {
            if (login.status != Credential.Status.PENDING) {
                throw new ProblemException(IdentityProblems.INVALID_TOKEN, "This login was activated already or has ended.");
            }
            login.status = Credential.Status.ACTIVE;
        });
    }

    /**
     * Mails a link to choose a new password, if the address belongs to a login that may use one.
     * The caller always answers alike, whether or not a mail went out.
     */
    public void requestPasswordReset(String email) {
        QuarkusTransaction.requiringNew().run(() -> credentials.findLiveByEmail(Emails.normalise(email))
                .filter(login -> login.status == Credential.Status.ACTIVE)
                .ifPresent(login -> mail.send(templates.passwordReset(login.email,
                        oneTimeTokens.issue(OneTimeToken.Purpose.RESET_PASSWORD, login.id, null)))));
    }

    /** Sets a new password with a reset link; the link works once, and every session of the login ends. */
    public void resetPassword(String token, String newPassword) {
        setPasswordWithLink(token, OneTimeToken.Purpose.RESET_PASSWORD, newPassword, login -> {
            if (login.status != Credential.Status.ACTIVE) {
                throw new ProblemException(IdentityProblems.INVALID_TOKEN, "This login cannot be used now.");
            }
            sessionFactory.endAll(login.id, null, "password-reset");
            mail.send(templates.passwordChanged(login.email));
        });
    }

    /**
     * Spends a mailed link and gives its login a password. The link is checked before the costly
     * hash and redeemed after it, in a transaction that does not include the hash; {@code rules}
     * checks the login and does what else the link stands for, in that transaction.
     */
    private void setPasswordWithLink(String token, OneTimeToken.Purpose purpose, String password,
                                     Consumer<Credential> rules) {
        QuarkusTransaction.requiringNew().run(() -> oneTimeTokens.check(token, Set.of(purpose)));
        String hash = hasher.hash(password);
        QuarkusTransaction.requiringNew().run(() -> {
            Credential login = credentials.findById(oneTimeTokens.redeem(token, Set.of(purpose)).credentialId);
            rules.accept(login);
            login.passwordHash = hash;
            login.emailVerified = true; // the link reached the mailbox
            login.updatedAt = Timestamps.now();
        });
    }

    static ProblemException invalidCredentials() {
        return new ProblemException(IdentityProblems.INVALID_CREDENTIALS,
                "The e-mail address or password is not right, or this login cannot be used now.");
    }
}
