package io.cloudpro.identity.security;

import io.cloudpro.identity.config.IdentityConfig;
import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * The token in every newsletter's one-click unsubscribe link: the account id and an HMAC over it.
 * It needs no login and does not expire (old newsletters must keep working), and it can do only one
 * thing: unsubscribe that account.
 */
@ApplicationScoped
public class UnsubscribeTokens {

    private final SecretKeySpec key;

    UnsubscribeTokens(IdentityConfig config) {
        byte[] secret = config.newsletter().unsubscribeSecret().getBytes(StandardCharsets.UTF_8);
        if (secret.length < 16) {
            throw new IllegalStateException("identity.newsletter.unsubscribe-secret must have at least 16 characters");
        }
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    public String tokenFor(UUID accountId) {
        return accountId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(accountId));
    }

    /** The account the token was made for, if it is genuine. */
    public Optional<UUID> accountOf(String token) {
        if (token == null) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        try {
            UUID accountId = UUID.fromString(token.substring(0, Math.max(dot, 0)));
            byte[] given = Base64.getUrlDecoder().decode(token.substring(dot + 1));
            return MessageDigest.isEqual(mac(accountId), given) ? Optional.of(accountId) : Optional.empty();
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(UUID accountId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(("newsletter-unsubscribe:" + accountId).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
