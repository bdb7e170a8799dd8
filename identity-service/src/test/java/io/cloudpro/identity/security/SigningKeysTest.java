package io.cloudpro.identity.security;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Key rotation: the JWKS publishes old and new keys while one of them signs. */
class SigningKeysTest {

    @TempDir
    Path dir;

    @Test
    void publishesEveryKeyAndSignsWithTheActiveOne() throws Exception {
        KeyPair old = p256();
        KeyPair current = p256();
        KeyPair retired = p256();
        write("2026-01.pem", "PRIVATE KEY", old.getPrivate().getEncoded());
        write("2026-07.pem", "PRIVATE KEY", current.getPrivate().getEncoded());
        write("2025-07.pub.pem", "PUBLIC KEY", retired.getPublic().getEncoded());

        SigningKeys keys = new SigningKeys(dir, Optional.of("2026-07"));

        List<JsonWebKey> published = new JsonWebKeySet(keys.jwks()).getJsonWebKeys();
        assertEquals(List.of("2025-07", "2026-01", "2026-07"), published.stream().map(JsonWebKey::getKeyId).toList());
        assertTrue(!keys.jwks().contains("\"d\""), "no private parts in the JWKS");
        assertEquals("2026-07", keys.activeKeyId());

        // a signature of the active key verifies with the public key the JWKS derived from it
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload("{}");
        jws.setAlgorithmHeaderValue("ES256");
        jws.setKey(keys.activeKey());
        JsonWebSignature check = new JsonWebSignature();
        check.setCompactSerialization(jws.getCompactSerialization());
        check.setKey(published.get(2).getKey());
        assertTrue(check.verifySignature());
        assertEquals(current.getPublic(), published.get(2).getKey());
    }

    @Test
    void severalPrivateKeysNeedAnActiveKeyId() throws Exception {
        write("a.pem", "PRIVATE KEY", p256().getPrivate().getEncoded());
        write("b.pem", "PRIVATE KEY", p256().getPrivate().getEncoded());
        assertThrows(IllegalStateException.class, () -> new SigningKeys(dir, Optional.empty()));
        assertThrows(IllegalStateException.class, () -> new SigningKeys(dir, Optional.of("c")));
        assertEquals("b", new SigningKeys(dir, Optional.of("b")).activeKeyId());
    }

    @Test
    void anEmptyDirectoryIsAClearStartupError() {
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> new SigningKeys(dir, Optional.empty()));
        assertTrue(error.getMessage().contains("JWT_KEYS_DIR"));
    }

    private void write(String name, String type, byte[] der) throws Exception {
        Files.writeString(dir.resolve(name), "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + type + "-----\n", StandardCharsets.US_ASCII);
    }

    private static KeyPair p256() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }
}
