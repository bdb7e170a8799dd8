package io.cloudpro.identity.service;

import io.cloudpro.platform.time.Timestamps;
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

/** Opens sessions, hands out token pairs and ends sessions. */
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

    @Transactional(Transactional.TxType.MANDATORY)
    public TokenPair open(Credential login, Instant now) {
        Session session = new Session();
        session.id = UUID.randomUUID();
        session.credentialId = login.id;
        session.createdAt = now;
        session.expiresAt = now.plus(config.jwt().sessionTtl());
        sessions.persist(session);
        return tokens(login, session, now);
    }

    /** A new access token and a new refresh token in the same session (the old refresh token is spent by the caller). */
    @Transactional(Transactional.TxType.MANDATORY)
    public TokenPair tokens(Credential login, Session session, Instant now) {
        String refresh = OpaqueTokens.newToken();
        RefreshToken row = new RefreshToken();
        row.tokenHash = OpaqueTokens.hash(refresh);
        row.sessionId = session.id;
        row.issuedAt = now;
        Instant refreshEnd = now.plus(config.jwt().refreshTokenTtl());
        row.expiresAt = refreshEnd.isBefore(session.expiresAt) ? refreshEnd : session.expiresAt;
        refreshTokens.persist(row);
        AccessTokens.Issued access = accessTokens.issue(login.id, session.id, login.accountId, roles(login), now);
        return new TokenPair(access.token(), accessTokens.ttlSeconds(), refresh, row.expiresAt);
    }

    /** Ends every session of a login but {@code keep}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void endAll(UUID credentialId, UUID keep, String reason) {
        sessions.revokeAll(credentialId, keep, Timestamps.now(), reason);
    }

    static Set<String> roles(Credential login) {
        return login.kind == Credential.Kind.STAFF ? login.roleSet() : Set.of(Roles.CUSTOMER);
    }
}
