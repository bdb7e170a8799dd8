package io.cloudpro.identity.service;

import io.cloudpro.identity.config.IdentityConfig;
import io.cloudpro.identity.domain.Credential;
import io.cloudpro.identity.domain.RefreshToken;
import io.cloudpro.identity.domain.Session;
import io.cloudpro.identity.repository.RefreshTokenRepository;
import io.cloudpro.identity.repository.SessionRepository;
import io.cloudpro.identity.security.AccessTokens;
import io.cloudpro.identity.security.OpaqueTokens;
import io.cloudpro.platform.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** Makes sessions and token pairs, and ends sessions. */
@ApplicationScoped
public class Sessions {

    private final SessionRepository sessions;
    private final RefreshTokenRepository refreshTokens;
    private final AccessTokens accessTokens;
    private final IdentityConfig config;

    Sessions(SessionRepository sessions, RefreshTokenRepository refreshTokens, AccessTokens accessTokens,
             IdentityConfig config) {
        this.sessions = sessions;
        this.refreshTokens = refreshTokens;
        this.accessTokens = accessTokens;
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

    /** A new pair in the same session (the caller spent the old refresh token). */
    @Transactional(Transactional.TxType.MANDATORY)
    public TokenPair rotate(Credential login, Session session, Instant now) {
        NewRefreshToken refresh = newRefreshToken(session, now);
        refreshTokens.persist(refresh.row());
        return pair(login, session, refresh, now);
    }

    /** Ends every session of a login but {@code keep}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void endAll(UUID credentialId, UUID keep, String reason) {
        sessions.revokeAll(credentialId, keep, Instant.now(), reason);
    }

    static Set<String> roles(Credential login) {
        return login.kind == Credential.Kind.STAFF ? login.roleSet() : Set.of(Roles.CUSTOMER);
    }
}
