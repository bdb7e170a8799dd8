package io.cloudpro.privacy.service;

import io.cloudpro.privacy.config.PrivacyRightsConfig;
import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * The privacy portal's secrets, all from one key (PORTAL_SESSION_KEY): cookie values, their hashes,
 * the encryption of the tokens a session holds, and the CSRF token of every form - derived from the
 * cookie the form's page was served with, so nothing needs storing and a form from another site,
 * which cannot read the cookie, cannot carry it.
 */
@ApplicationScoped
public class PortalKeys {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec tokenKey;
    private final SecretKeySpec csrfKey;
    private final SecureRandom random = new SecureRandom();

    PortalKeys(PrivacyRightsConfig config) {
        // base64 with or without padding, standard or URL-safe alphabet (openssl rand -base64 32 will do)
        byte[] master = Base64.getDecoder().decode(config.portal().sessionKey().strip().replace('-', '+').replace('_', '/'));
        if (master.length < 32) {
            throw new IllegalStateException("PORTAL_SESSION_KEY must be at least 32 random bytes, base64-encoded");
        }
        // one key for each use, so that a token from one use is worth nothing in the other
        tokenKey = new SecretKeySpec(hmac(master, "portal session tokens"), "AES");
        csrfKey = new SecretKeySpec(hmac(master, "portal csrf"), "HmacSHA256");
        Arrays.fill(master, (byte) 0);
    }

    /** A new cookie value: 256 random bits. */
    public String newCookieValue() {
        byte[] value = new byte[32];
        random.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    /** What the table keeps of a cookie value. */
    public byte[] hash(String cookieValue) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(cookieValue.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String csrfToken(String cookieValue) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(csrfKey, cookieValue));
    }

    /** Whether {@code submitted} is the CSRF token of {@code cookieValue}, compared in constant time. */
    public boolean csrfMatches(String cookieValue, String submitted) {
        return cookieValue != null && submitted != null && MessageDigest.isEqual(
                csrfToken(cookieValue).getBytes(StandardCharsets.US_ASCII), submitted.getBytes(StandardCharsets.US_ASCII));
    }

    public byte[] encrypt(String plain) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, tokenKey, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a portal session", e);
        }
    }

    public String decrypt(byte[] sealed) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, tokenKey, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            return new String(cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a portal session does not decrypt (was PORTAL_SESSION_KEY changed?)", e);
        }
    }

    private static byte[] hmac(byte[] key, String label) {
        return hmac(new SecretKeySpec(key, "HmacSHA256"), label);
    }

    private static byte[] hmac(SecretKeySpec key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
