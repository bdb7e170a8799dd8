package io.cloudpro.privacy.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudpro.platform.client.ServiceCallException;
import io.cloudpro.platform.security.RevokedSessions;
import io.cloudpro.platform.time.Timestamps;
import io.cloudpro.privacy.client.IdentityOnBehalf;
import io.cloudpro.privacy.config.PrivacyRightsConfig;
import io.cloudpro.privacy.domain.PortalSession;
import io.cloudpro.privacy.repository.PortalSessionRepository;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.PessimisticLockException;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Who is logged in to the privacy portal. A login goes to identity-service with the person's
 * password; the tokens it issues stay here, encrypted, under the hash of a random cookie value the
 * browser holds in an HttpOnly cookie - no script in the page ever sees a token. The access token is
 * refreshed when it runs out; a session ends at logout, after {@code privacy.portal.idle-timeout}
 * unused, or when identity-service ends it (a refresh refused).
 */
@ApplicationScoped
public class PortalSessions {

    private static final Logger LOG = Logger.getLogger(PortalSessions.class);
    /** An access token this close to its end is refreshed before use. */
    private static final Duration REFRESH_AHEAD = Duration.ofSeconds(30);

    /** The person behind a portal cookie, with a valid access token for identity-service's API. */
    public record Visitor(UUID loginId, UUID accountId, Set<String> roles, String accessToken) {
        public boolean has(String role) {
            return roles.contains(role);
        }
    }

    /** A login identity-service refused: wrong credentials, or too many attempts (then wait {@code retryAfterSeconds}). */
    public static final class LoginRefused extends RuntimeException {
        private final transient Optional<Long> retryAfterSeconds;

        LoginRefused(Optional<Long> retryAfterSeconds) {
            super(retryAfterSeconds.isPresent() ? "too many attempts" : "login refused", null, false, false);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public Optional<Long> retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    /** Where a request comes from: passed on to identity-service with the person's login and refreshes. */
    public record Client(String ip, String userAgent) {
    }

    /** Sessions ended for being idle, per housekeeping round. */
    private static final int IDLE_BATCH = 100;
    /** Who ends an idle session: no person's address or browser to pass on. */
    private static final Client HOUSEKEEPING = new Client(null, null);

    private record SealedTokens(String access, String refresh) {
    }

    private final PortalSessionRepository sessions;
    private final IdentityOnBehalf identity;
    private final PortalKeys keys;
    private final JWTParser tokens;
    private final ObjectMapper json;
    private final RevokedSessions revoked;
    private final Duration idleTimeout;

    PortalSessions(PortalSessionRepository sessions, IdentityOnBehalf identity, PortalKeys keys, JWTParser tokens,
                   ObjectMapper json, RevokedSessions revoked, PrivacyRightsConfig config) {
        this.sessions = sessions;
        this.revoked = revoked;
        this.identity = identity;
        this.keys = keys;
        this.tokens = tokens;
        this.json = json;
        this.idleTimeout = config.portal().idleTimeout();
    }

    /**
     * Logs in with identity-service and starts a session; returns the cookie value.
     *
     * @throws LoginRefused when identity-service refuses the login
     */
    @Transactional
    public String login(String email, String password, Client client) {
        IdentityOnBehalf.Tokens issued;
        try {
            issued = identity.login(email, password, client.ip(), client.userAgent());
        } catch (IdentityOnBehalf.LoginRefused refused) {
            throw new LoginRefused(refused.retryAfterSeconds());
        }
        String cookie = keys.newCookieValue();
        PortalSession session = new PortalSession();
        session.idHash = keys.hash(cookie);
        session.createdAt = Timestamps.now();
        store(session, issued);
        sessions.persist(session);
        LOG.infof("Portal session started for login %s", session.loginId);
        return cookie;
    }

    /** The visitor behind the cookie, if their session is still on; refreshes its access token when due. */
    @Transactional
    public Optional<Visitor> visitor(String cookie, Client client) {
        if (cookie == null || cookie.isBlank()) {
            return Optional.empty();
        }
        Instant now = Timestamps.now();
        PortalSession session = lock(cookie);
        if (session == null) {
            return Optional.empty();
        }
        if (!session.expiresAt.isAfter(now)) {
            sessions.delete(session);
            return Optional.empty();
        }
        if (!session.lastSeenAt.plus(idleTimeout).isAfter(now)) {
            return Optional.empty(); // ended: the housekeeping round removes it and hands its token back
        }
        if (session.identitySession != null && revoked.isRevoked(session.identitySession)) {
            // identity-service ended it: a logout elsewhere, a new password, a locked or closed account
            LOG.infof("Portal session of login %s ended: identity-service revoked its session", session.loginId);
            sessions.delete(session);
            return Optional.empty();
        }
        Optional<SealedTokens> opened = open(session);
        if (opened.isEmpty()) {
            sessions.delete(session);
            return Optional.empty();
        }
        SealedTokens held = opened.get();
        if (!session.accessExpiresAt.minus(REFRESH_AHEAD).isAfter(now)) {
            Optional<IdentityOnBehalf.Tokens> renewed = identity.refresh(held.refresh(), client.ip(), client.userAgent());
            if (renewed.isEmpty()) {
                LOG.infof("Portal session of login %s ended by identity-service", session.loginId);
                sessions.delete(session);
                return Optional.empty();
            }
            store(session, renewed.get());
            held = new SealedTokens(renewed.get().accessToken(), renewed.get().refreshToken());
        }
        session.lastSeenAt = now;
        return Optional.of(new Visitor(session.loginId, session.accountId, roles(session), held.access()));
    }

    /**
     * Ends the session here - committed first - and then at identity-service: the portal session is
     * gone even when identity-service cannot be told now (its own session then ends when its refresh
     * token does), and no lock is held while it is told.
     */
    public void logout(String cookie, Client client) {
        if (cookie == null || cookie.isBlank()) {
            return;
        }
        Optional<PortalSession> ended = QuarkusTransaction.requiringNew().call(() -> {
            PortalSession session = lock(cookie);
            if (session != null) {
                sessions.delete(session);
            }
            return Optional.ofNullable(session);
        });
        ended.ifPresent(session -> {
            LOG.infof("Portal session of login %s ended by logout", session.loginId);
            endAtIdentity(session, client);
        });
    }

    /**
     * Hands the session's refresh token back to identity-service, which ends its session too; false
     * when it could not be told (its session then ends when the refresh token expires).
     */
    private boolean endAtIdentity(PortalSession session, Client client) {
        Optional<SealedTokens> held = open(session);
        if (held.isEmpty()) {
            return true; // sealed with a key we no longer have: nothing to hand back
        }
        try {
            identity.logout(held.get().refresh(), client.ip(), client.userAgent());
            return true;
        } catch (ServiceCallException e) {
            LOG.warnf("identity-service was not told that the portal session of login %s ended (%s)", session.loginId,
                    e.getMessage());
            return false;
        }
    }

    /**
     * The session of the cookie, locked. Another page of the same browser refreshing its tokens holds
     * the lock for a moment; one that waits too long is answered as a busy service, not an error.
     */
    private PortalSession lock(String cookie) {
        try {
            return sessions.lock(keys.hash(cookie));
        } catch (PessimisticLockException | LockTimeoutException e) {
            throw new ServiceCallException("a portal session is busy with another page", e);
        }
    }

    /** The sessions of a person (any of their ids), oldest first: for their access request. */
    public List<PortalSession> of(Collection<UUID> ids) {
        return sessions.ofPeople(ids);
    }

    /** Ends every session of a person (any of their ids): an erasure. */
    public long endAll(Collection<UUID> ids) {
        return sessions.deleteOfPeople(ids);
    }

    /**
     * Part of the housekeeping round: deletes the sessions whose refresh token expired, and ends those
     * unused for the idle timeout (closed browsers) here and at identity-service, a batch a round. When
     * identity-service cannot be told, the round stops telling it: those sessions are gone here, and
     * end there when their refresh token does.
     */
    public void removeEnded() {
        Instant now = Timestamps.now();
        List<PortalSession> idle = QuarkusTransaction.requiringNew().call(() -> {
            sessions.deleteExpired(now);
            List<PortalSession> ended = sessions.lockIdle(now, now.minus(idleTimeout), IDLE_BATCH);
            ended.forEach(sessions::delete);
            return ended;
        });
        for (PortalSession session : idle) {
            LOG.infof("Portal session of login %s ended: unused for %s", session.loginId, idleTimeout);
            if (!endAtIdentity(session, HOUSEKEEPING)) {
                return;
            }
        }
    }

    private void store(PortalSession session, IdentityOnBehalf.Tokens issued) {
        JsonWebToken access = parse(issued.accessToken());
        session.loginId = UUID.fromString(access.getSubject());
        String account = access.getClaim("account_id");
        session.accountId = account == null ? null : UUID.fromString(account);
        session.roles = String.join(",", access.getGroups());
        String sid = access.getClaim("sid");
        session.identitySession = sid == null ? null : UUID.fromString(sid);
        session.accessExpiresAt = Instant.ofEpochSecond(access.getExpirationTime());
        session.expiresAt = issued.refreshTokenExpiresAt();
        session.lastSeenAt = Timestamps.now();
        try {
            session.tokens = keys.encrypt(json.writeValueAsString(new SealedTokens(issued.accessToken(), issued.refreshToken())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The session's tokens; empty when they do not decrypt (PORTAL_SESSION_KEY was replaced: the person logs in again). */
    private Optional<SealedTokens> open(PortalSession session) {
        try {
            return Optional.of(json.readValue(keys.decrypt(session.tokens), SealedTokens.class));
        } catch (IllegalStateException | JsonProcessingException e) {
            LOG.warnf("Portal session of login %s does not decrypt with the current key; it ends", session.loginId);
            return Optional.empty();
        }
    }

    /** The access token identity-service just issued, verified like every token this service accepts. */
    private JsonWebToken parse(String accessToken) {
        try {
            return tokens.parse(accessToken);
        } catch (ParseException e) {
            throw new IllegalStateException("identity-service issued an access token this service does not accept", e);
        }
    }

    private static Set<String> roles(PortalSession session) {
        return Arrays.stream(session.roles.split(",")).filter(r -> !r.isBlank()).collect(Collectors.toUnmodifiableSet());
    }
}
