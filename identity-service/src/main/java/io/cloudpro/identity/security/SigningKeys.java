package io.cloudpro.identity.security;

import io.cloudpro.identity.config.IdentityConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;
import org.bouncycastle.math.ec.ECPoint;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The ES256 keys of the token issuer, read from a directory at start-up: {@code <kid>.pem} holds a
 * PKCS#8 P-256 private key, {@code <kid>.pub.pem} a public key only (a retired key whose tokens may
 * still be in use). One private key signs; every key is published in the JWKS, so keys rotate
 * without logging anyone out:
 * <ol>
 *   <li>add the new key's file and restart: it is published but does not sign yet;</li>
 *   <li>once every service has refreshed its JWKS, make it the active key;</li>
 *   <li>once the old key's last access token expired, remove the old file.</li>
 * </ol>
 */
@ApplicationScoped
public class SigningKeys {

    private final String activeKeyId;
    private final PrivateKey activeKey;
    private final String jwks;

    @Inject
    SigningKeys(IdentityConfig config) {
        this(config.jwt().keysDir(), config.jwt().activeKeyId().filter(s -> !s.isBlank()));
    }

    /** Reads every key in {@code dir}; {@code activeKeyId} names the signing key when there are several. */
    public SigningKeys(Path dir, Optional<String> activeKeyId) {
        Map<String, PrivateKey> privateKeys = new TreeMap<>();
        Map<String, PublicKey> publicKeys = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".pub.pem")) {
                    publicKeys.put(name.substring(0, name.length() - 8), readPublicKey(file));
                } else if (name.endsWith(".pem")) {
                    String kid = name.substring(0, name.length() - 4);
                    PrivateKey key = readPrivateKey(file);
                    privateKeys.put(kid, key);
                    publicKeys.put(kid, publicKeyOf((ECPrivateKey) key));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the signing keys in " + dir + " (JWT_KEYS_DIR)", e);
        }
        if (privateKeys.isEmpty()) {
            throw new IllegalStateException("no signing key (<kid>.pem) in " + dir + " (JWT_KEYS_DIR)");
        }
        this.activeKeyId = activeKeyId.orElseGet(() -> {
            if (privateKeys.size() > 1) {
                throw new IllegalStateException("several private keys in " + dir + ": set JWT_ACTIVE_KEY_ID");
            }
            return privateKeys.keySet().iterator().next();
        });
        this.activeKey = privateKeys.get(this.activeKeyId);
        if (activeKey == null) {
            throw new IllegalStateException("JWT_ACTIVE_KEY_ID " + this.activeKeyId + " has no private key in " + dir);
        }
        this.jwks = toJwks(publicKeys);
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    public PrivateKey activeKey() {
        return activeKey;
    }

    /** Every public key as a JSON Web Key Set. */
    public String jwks() {
        return jwks;
    }

    private static String toJwks(Map<String, PublicKey> keys) {
        List<JsonWebKey> jwks = new ArrayList<>();
        try {
            for (Map.Entry<String, PublicKey> entry : keys.entrySet()) {
                EllipticCurveJsonWebKey jwk = (EllipticCurveJsonWebKey) PublicJsonWebKey.Factory.newPublicJwk(entry.getValue());
                jwk.setKeyId(entry.getKey());
                jwk.setUse("sig");
                jwk.setAlgorithm(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
                jwks.add(jwk);
            }
        } catch (JoseException e) {
            throw new IllegalStateException("cannot publish the signing keys", e);
        }
        return new JsonWebKeySet(jwks).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    private static PrivateKey readPrivateKey(Path file) throws IOException {
        try {
            PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pem(file)));
            requireP256((ECPrivateKey) key, file);
            return key;
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalStateException(file + " is not a PKCS#8 EC private key", e);
        }
    }

    private static PublicKey readPublicKey(Path file) throws IOException {
        try {
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(pem(file)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(file + " is not an EC public key", e);
        }
    }

    /** P-256 public point Q = d * G, since a PKCS#8 file need not carry the public key. */
    private static PublicKey publicKeyOf(ECPrivateKey key) {
        ECNamedCurveParameterSpec p256 = ECNamedCurveTable.getParameterSpec("secp256r1");
        ECPoint q = p256.getG().multiply(key.getS()).normalize();
        try {
            return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(
                    new java.security.spec.ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger()),
                    key.getParams()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot derive the public key", e);
        }
    }

    private static void requireP256(ECPrivateKey key, Path file) {
        if (key.getParams().getCurve().getField().getFieldSize() != 256) {
            throw new IllegalStateException(file + ": ES256 needs a P-256 key");
        }
    }

    private static byte[] pem(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        String base64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(base64);
    }
}
