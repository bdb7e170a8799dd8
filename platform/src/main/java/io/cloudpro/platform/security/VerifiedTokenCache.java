package io.cloudpro.platform.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import javax.crypto.SecretKey;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers access tokens whose signature and claims were verified, until they expire.
 * <p>
 * Verifying an ES256 signature costs about a millisecond of CPU with the JDK's P-256 code: a
 * profile of {@code GET /api/v1/me} put four fifths of the request's time there, although a client
 * sends the same token with every request for its whole lifetime. The cache is keyed by the exact
 * token text, so a hit is a token whose every byte - signature included - was verified before;
 * issuer, audience and algorithm are part of that text and cannot differ. Entries leave at the
 * token's expiry. Revocation is not the parser's business: {@link RevokedSessionCheck} runs on every
 * request, cached token or not.
 */
@Decorator
@Priority(10)
public class VerifiedTokenCache implements JWTParser {

    /** Enough for every token in use on a busy replica; beyond it, expired entries are swept first. */
    static final int MAX_ENTRIES = 20_000;

    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final JWTParser delegate;
    private final Counter hits;
    private final Counter misses;

    @Inject
    VerifiedTokenCache(@Delegate JWTParser delegate, MeterRegistry meters) {
        this.delegate = delegate;
        this.hits = Counter.builder("cloudpro.jwt.verification").tag("result", "cached")
                .description("Bearer tokens accepted; cached = verified before").register(meters);
        this.misses = Counter.builder("cloudpro.jwt.verification").tag("result", "verified").register(meters);
    }

    private record Verified(JsonWebToken token, long expiresAtSeconds) {
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        long now = System.currentTimeMillis() / 1000;
        Verified known = verified.get(token);
        if (known != null) {
            if (now < known.expiresAtSeconds()) {
                hits.increment();
                return known.token();
            }
            verified.remove(token); // expired: the parser decides, with its own clock-skew allowance
        }
        JsonWebToken parsed = delegate.parse(token);
        misses.increment();
        if (parsed.getExpirationTime() > now) {
            if (verified.size() >= MAX_ENTRIES) {
                sweep(now);
            }
            verified.put(token, new Verified(parsed, parsed.getExpirationTime()));
        }
        return parsed;
    }

    private void sweep(long now) {
        verified.values().removeIf(entry -> entry.expiresAtSeconds() <= now);
        if (verified.size() >= MAX_ENTRIES) {
            verified.clear(); // a flood of distinct valid tokens: start over rather than grow
        }
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return delegate.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return delegate.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return delegate.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return delegate.parseOnly(token);
    }
}
