package io.cloudpro.testsupport;

import com.sun.net.httpserver.HttpServer;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.util.Base64;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Access tokens for tests, signed with a test key whose public half is served as a JWKS on a
 * loopback port, the way identity-service serves its keys. Besides good tokens it forges the bad
 * ones a service must refuse: unsigned, wrongly signed, expired, for another issuer or audience.
 */
public final class TestTokens {

    public static final String ISSUER = "https://identity.test.cloudpro.io";
    public static final String AUDIENCE = "cloudpro-platform";

    private static final EllipticCurveJsonWebKey KEY = ecKey("test-key-1");
    /** Never published: a token signed with it has a kid nobody knows. */
    private static final EllipticCurveJsonWebKey UNPUBLISHED_KEY = ecKey("unpublished-key");
    private static HttpServer jwksServer;

    private TestTokens() {
    }

    /** Where the test JWKS is served; starts the server on first use. */
    public static synchronized String jwksUrl() {
        if (jwksServer == null) {
            jwksServer = startJwksServer();
        }
        return "http://localhost:" + jwksServer.getAddress().getPort() + "/jwks.json";
    }

    /**
     * Writes the test signing key as {@code <kid>.pem} (PKCS#8) into {@code dir}, so that a token
     * issuer under test (identity-service) signs with the key this JWKS publishes.
     */
    public static Path writeSigningKey(Path dir) {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(KEY.getPrivateKey().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        try {
            Files.createDirectories(dir);
            return Files.writeString(dir.resolve(KEY.getKeyId() + ".pem"), pem, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String keyId() {
        return KEY.getKeyId();
    }

    /** A valid token for a customer with a random subject id, ready to change with the builder. */
    public static Builder customer() {
        return new Builder().subject(UUID.randomUUID().toString()).groups("customer");
    }

    /** A valid token for a staff member holding {@code role}. */
    public static Builder staff(String role) {
        return new Builder().subject(UUID.randomUUID().toString()).groups(role);
    }

    /** Builds the claims and signature of one token. */
    public static final class Builder {
        private String subject = UUID.randomUUID().toString();
        private List<String> groups = List.of();
        private String issuer = ISSUER;
        private String audience = AUDIENCE;
        private Instant expiresAt = Instant.now().plusSeconds(600);
        private JsonWebKey signingKey = KEY;
        private String algorithm = AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256;
        private String keyId = KEY.getKeyId();
        private String sessionId;
        private String accountId;

        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        /** The {@code sid} claim: the identity-service session the token belongs to. */
        public Builder sessionId(String sessionId) {
            this.sessionId = sessionId;
            return this;
        }

        /** The {@code account_id} claim: the customer account the login acts for. */
        public Builder accountId(String accountId) {
            this.accountId = accountId;
            return this;
        }

        public Builder groups(String... groups) {
            this.groups = List.of(groups);
            return this;
        }

        public Builder issuer(String issuer) {
            this.issuer = issuer;
            return this;
        }

        public Builder audience(String audience) {
            this.audience = audience;
            return this;
        }

        public Builder expiresAt(Instant expiresAt) {
            this.expiresAt = expiresAt;
            return this;
        }

        /** Signed with ES256 by a key that the JWKS does not hold. */
        public Builder signedWithUnknownKey() {
            this.signingKey = UNPUBLISHED_KEY;
            this.keyId = UNPUBLISHED_KEY.getKeyId();
            return this;
        }

        /** Signed with RS256 by a fresh RSA key carrying the published key's kid. */
        public Builder signedWithRsa() {
            try {
                RsaJsonWebKey rsa = RsaJwkGenerator.generateJwk(2048);
                this.signingKey = rsa;
                this.algorithm = AlgorithmIdentifiers.RSA_USING_SHA256;
                return this;
            } catch (JoseException e) {
                throw new IllegalStateException(e);
            }
        }

        /** HS256 keyed with the published public key's JSON: the classic algorithm-confusion forgery. */
        public Builder signedWithHmacOfPublicKey() {
            this.signingKey = null;
            this.algorithm = AlgorithmIdentifiers.HMAC_SHA256;
            return this;
        }

        /** {@code alg: none}: no signature at all. */
        public Builder unsigned() {
            this.signingKey = null;
            this.algorithm = AlgorithmIdentifiers.NONE;
            return this;
        }

        public String subject() {
            return subject;
        }

        /** The compact serialisation, e.g. for an {@code Authorization: Bearer} header. */
        public String build() {
            JwtClaims claims = new JwtClaims();
            claims.setIssuer(issuer);
            claims.setAudience(audience);
            claims.setSubject(subject);
            claims.setStringListClaim("groups", groups);
            claims.setJwtId(UUID.randomUUID().toString());
            claims.setIssuedAt(NumericDate.fromSeconds(Instant.now().getEpochSecond() - 5));
            claims.setExpirationTime(NumericDate.fromSeconds(expiresAt.getEpochSecond()));
            if (sessionId != null) {
                claims.setClaim("sid", sessionId);
            }
            if (accountId != null) {
                claims.setClaim("account_id", accountId);
            }

            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setAlgorithmHeaderValue(algorithm);
            jws.setKeyIdHeaderValue(keyId);
            jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
            jws.setDoKeyValidation(false);
            jws.setKey(signingKeyFor(algorithm));
            try {
                return jws.getCompactSerialization();
            } catch (JoseException e) {
                throw new IllegalStateException("cannot sign the test token", e);
            }
        }

        private Key signingKeyFor(String alg) {
            return switch (alg) {
                case AlgorithmIdentifiers.NONE -> null;
                case AlgorithmIdentifiers.HMAC_SHA256 -> new HmacKey(
                        KEY.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY).getBytes(StandardCharsets.UTF_8));
                case AlgorithmIdentifiers.RSA_USING_SHA256 -> ((RsaJsonWebKey) signingKey).getPrivateKey();
                default -> ((EllipticCurveJsonWebKey) signingKey).getPrivateKey();
            };
        }
    }

    private static HttpServer startJwksServer() {
        String jwks = new JsonWebKeySet(KEY).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        byte[] body = jwks.getBytes(StandardCharsets.UTF_8);
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/jwks.json", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.setExecutor(null);
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the test JWKS", e);
        }
    }

    private static EllipticCurveJsonWebKey ecKey(String keyId) {
        try {
            EllipticCurveJsonWebKey key = EcJwkGenerator.generateJwk(EllipticCurves.P256);
            key.setKeyId(keyId);
            key.setAlgorithm(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
            key.setUse("sig");
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
