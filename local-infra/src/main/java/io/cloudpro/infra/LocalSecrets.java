package io.cloudpro.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.LocalDate;
import java.util.Base64;
import java.util.stream.Stream;

/**
 * The secrets a local suite needs, made on its first start and kept in its data directory: the
 * token signing key (in production a Kubernetes Secret), the key of the unsubscribe links, the
 * key of the e-mail hashes in the login history and each service's client secret.
 */
public final class LocalSecrets {

    private final Path dir;

    private LocalSecrets(Path dir) {
        this.dir = dir;
    }

    public static LocalSecrets in(Path dir) {
        LocalSecrets secrets = new LocalSecrets(dir);
        secrets.ensureSigningKey();
        return secrets;
    }

    /** A directory with one P-256 private key, {@code local-<date>.pem}, in PKCS#8 PEM. */
    public Path signingKeysDir() {
        return dir.resolve("jwt");
    }

    public String unsubscribeSecret() {
        return randomSecret("newsletter-unsubscribe.secret");
    }

    public String emailHashSecret() {
        return randomSecret("email-hash.secret");
    }

    /** privacy-rights-service's portal: the key its sessions' tokens are encrypted with. */
    public String portalSessionKey() {
        return randomSecret("portal-session.key");
    }

    /**
     * The secret {@code service} presents to identity-service for a token of its own (client
     * credentials); identity-service is given only its SHA-256.
     */
    public String serviceClientSecret(String service) {
        return randomSecret("service-clients/" + service + ".secret");
    }

    /** {@code name:sha256-hex} of each service's client secret, as identity-service's SERVICE_CLIENTS takes them. */
    public String serviceClientHashes(java.util.Collection<String> services) {
        StringBuilder list = new StringBuilder();
        for (String service : services) {
            try {
                byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                        .digest(serviceClientSecret(service).getBytes(StandardCharsets.UTF_8));
                list.append(list.isEmpty() ? "" : ",").append(service).append(':').append(java.util.HexFormat.of().formatHex(hash));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return list.toString();
    }

    /** 256 random bits, made once and kept in {@code name}. */
    private String randomSecret(String name) {
        Path file = dir.resolve(name);
        try {
            if (!Files.exists(file)) {
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                Files.createDirectories(file.getParent());
                Files.writeString(file, Base64.getUrlEncoder().withoutPadding().encodeToString(random));
            }
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void ensureSigningKey() {
        Path keys = signingKeysDir();
        try {
            Files.createDirectories(keys);
            try (Stream<Path> existing = Files.list(keys)) {
                if (existing.anyMatch(p -> p.toString().endsWith(".pem"))) {
                    return;
                }
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pkcs8)
                    + "\n-----END PRIVATE KEY-----\n";
            Files.writeString(keys.resolve("local-" + LocalDate.now() + ".pem"), pem, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a P-256 key", e);
        }
    }
}
