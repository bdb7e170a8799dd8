package io.cloudpro.identity.security;

import io.cloudpro.identity.config.IdentityConfig;
import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * What the login history keeps of the e-mail address tried: an HMAC-SHA-256 keyed with a server
 * secret. It lets the throttle count attempts per address, known or not, while a copy of the table
 * does not give the addresses away: a plain hash can be reversed by hashing every address one has.
 */
@ApplicationScoped
public class EmailHashes {

    private final SecretKeySpec key;

    EmailHashes(IdentityConfig config) {
        byte[] secret = config.login().emailHashSecret().getBytes(StandardCharsets.UTF_8);
        if (secret.length < 16) {
            throw new IllegalStateException("identity.login.email-hash-secret (EMAIL_HASH_SECRET) must have at least 16 characters");
        }
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** 64 hex characters for a normalised (trimmed, lower-case) address. */
    public String of(String normalisedEmail) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(normalisedEmail.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
