package io.cloudpro.identity.service;

import io.cloudpro.identity.config.IdentityConfig;
import io.cloudpro.identity.domain.Credential;
import io.cloudpro.identity.domain.RefreshToken;
import io.cloudpro.identity.domain.Session;
import io.cloudpro.identity.messaging.IdentityEvents;
import io.cloudpro.identity.repository.RefreshTokenRepository;
import io.cloudpro.identity.repository.SessionRepository;
import io.cloudpro.identity.security.AccessTokens;
import io.cloudpro.identity.security.OpaqueTokens;
import io.cloudpro.platform.security.Roles;
import io.cloudpro.platform.time.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Makes sessions and token pairs, and ends sessions. Ending one is published on
 * {@code identity.sessions}, so that every service refuses its access tokens within seconds.
 */
@ApplicationScoped
public class Sessions {

    /** How late the verifiers still accept an expired token (smallrye-jwt's default clock skew). */
    static final Duration VERIFIER_CLOCK_SKEW = Duration.ofSeconds(60);

    private final SessionRepository sessions;
    private final RefreshTokenRepository refreshTokens;
    private final AccessTokens accessTokens;
    private final IdentityEvents events;
    private final IdentityConfig config;

    Sessions(SessionRepository sessions, RefreshTokenRepository refreshTokens, AccessTokens accessTokens,
             IdentityEvents events, IdentityConfig config) {
        this.sessions = sessions;
        this.refreshTokens = refreshTokens;
        this.accessTokens = accessTokens;
        this.events = events;
        this.config = config;
    }

    /** What a successful login or refresh returns. */
    public record TokenPair(String accessToken, long expiresIn, String refreshToken, Instant refreshExpiresAt) {
    }

    /** A refresh token: the secret for the client, the row (holding its hash) for the database. */
    public record NewRefreshToken(String token, RefreshToken row) {
    }

    /** A new session for a login; the caller stores it. */
    public Session newSession(Credential login, Instant now) {
        Session session = new Session();
        session.id = UUID.randomUUID();
        session.credentialId = login.id;
        session.createdAt = now;
        session.expiresAt = now.plus(config.jwt().sessionTtl());
        return session;
    }

    /** A new refresh token in a session, never outliving it; the caller stores it. */
    public NewRefreshToken newRefreshToken(Session session, Instant now) {
        String token = OpaqueTokens.newToken();
        RefreshToken row = new RefreshToken();
        row.tokenHash = OpaqueTokens.hash(token);
        row.sessionId = session.id;
        row.issuedAt = now;
        Instant end = now.plus(config.jwt().refreshTokenTtl());
        row.expiresAt = end.isBefore(session.expiresAt) ? end : session.expiresAt;
        return new NewRefreshToken(token, row);
    }

    /** The pair handed to the client: a fresh access token beside the refresh token. */
    public TokenPair pair(Credential login, Session session, NewRefreshToken refresh, Instant now) {
        AccessTokens.Issued access = accessTokens.issue(login.id, session.id, login.accountId, roles(login), now);
        return new TokenPair(access.token(), accessTokens.ttlSeconds(), refresh.token(), refresh.row().expiresAt);
    }

    /** A new pair in the same session (the caller spent, or may reuse, the old refresh token). */
    @Transactional(Transactional.TxType.MANDATORY)
    public TokenPair rotate(Credential login, Session session, Instant now) {
        NewRefreshToken refresh = newRefreshToken(session, now);
        refreshTokens.persist(refresh.row());
        return pair(login, session, refresh, now);
    }

    /** Ends one session and announces it; nothing happens if it has ended already. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void revoke(Session session, String reason) {
        if (session.revokedAt != null) {
            return;
        }
        Instant now = Timestamps.now();
        session.revoke(now, reason);
        events.sessionRevoked(new IdentityEvents.SessionRevoked(session.id, session.credentialId, reason, now,
                now.plus(config.jwt().accessTokenTtl()).plus(VERIFIER_CLOCK_SKEW)));
    }

    /** Ends every open session of a login but {@code keep} (may be null). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void endAll(UUID credentialId, UUID keep, String reason) {
        for (Session session : sessions.open(credentialId)) {
            if (!session.id.equals(keep)) {
                revoke(session, reason);
            }
        }
    }

    static Set<String> roles(Credential login) {
        return login.kind == Credential.Kind.STAFF ? login.roleSet() : Set.of(Roles.CUSTOMER);
    }
}
