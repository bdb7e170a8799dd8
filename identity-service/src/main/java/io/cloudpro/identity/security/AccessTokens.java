package io.cloudpro.identity.security;

import io.cloudpro.identity.config.IdentityConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Issues short-lived ES256 access tokens: {@code iss}, {@code aud}, {@code sub} (the login's id),
 * {@code groups} (roles), {@code jti}, {@code sid} (the session, checked by identity-service on every
 * call) and, for customers, {@code account_id} - the account whose data they may reach.
 * No personal data goes into a token.
 */
@ApplicationScoped
public class AccessTokens {

    public static final String SESSION_CLAIM = "sid";
    public static final String ACCOUNT_CLAIM = "account_id";

    private final SigningKeys keys;
    private final String issuer;
    private final String audience;
    private final Duration ttl;

    AccessTokens(SigningKeys keys, IdentityConfig config) {
        this.keys = keys;
        this.issuer = config.jwt().issuer();
        this.audience = config.jwt().audience();
        this.ttl = config.jwt().accessTokenTtl();
        if (ttl.compareTo(Duration.ofMinutes(5)) < 0 || ttl.compareTo(Duration.ofMinutes(15)) > 0) {
            throw new IllegalStateException("identity.jwt.access-token-ttl must be 5 to 15 minutes, not " + ttl);
        }
    }

    public record Issued(String token, Instant expiresAt) {
    }

    public Issued issue(UUID subject, UUID sessionId, UUID accountId, Set<String> roles, Instant now) {
        Instant expiresAt = now.plus(ttl);
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience(audience);
        claims.setSubject(subject.toString());
        claims.setStringListClaim("groups", List.copyOf(roles));
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(expiresAt.getEpochSecond()));
        claims.setClaim(SESSION_CLAIM, sessionId.toString());
        if (accountId != null) {
            claims.setClaim(ACCOUNT_CLAIM, accountId.toString());
        }
        return new Issued(sign(claims), expiresAt);
    }

    private String sign(JwtClaims claims) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.setKeyIdHeaderValue(keys.activeKeyId());
        jws.setHeader("typ", "JWT");
        jws.setKey(keys.activeKey());
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign an access token", e);
        }
    }

    /**
     * A service's own token: {@code sub} is the service's name, {@code groups} only
     * {@code service}, no session - it is checked against the configured clients on every request.
     */
    public Issued issueForService(String clientId, String role, Instant now) {
        Instant expiresAt = now.plus(ttl);
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience(audience);
        claims.setSubject(clientId);
        claims.setStringListClaim("groups", List.of(role));
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(expiresAt.getEpochSecond()));
        return new Issued(sign(claims), expiresAt);
    }

    public long ttlSeconds() {
        return ttl.toSeconds();
    }
}
