package io.cloudpro.identity.security;

import io.cloudpro.identity.config.IdentityConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The other services of the platform that may get a token of their own (client credentials):
 * configured as {@code name:sha256-hex} pairs, so that this service never holds their secrets.
 * A service removed from the list loses access at its next request, not when its token expires.
 */
@ApplicationScoped
public class ServiceClients {

    private final Map<String, byte[]> secretHashes = new HashMap<>();

    ServiceClients(IdentityConfig config) {
        config.serviceClients().ifPresent(list -> {
            for (String entry : list.split(",")) {
                String trimmed = entry.trim();
                if (trimmed.isEmpty()) {
                    continue;
                }
                int colon = trimmed.indexOf(':');
                if (colon < 1 || !trimmed.substring(colon + 1).matches("[0-9a-fA-F]{64}")) {
                    throw new IllegalStateException("identity.service-clients: each entry is name:sha256-hex of the secret");
                }
                secretHashes.put(trimmed.substring(0, colon), HexFormat.of().parseHex(trimmed.substring(colon + 1)));
            }
        });
    }

    /** Whether {@code secret} is {@code clientId}'s; compared in constant time. */
    public boolean verify(String clientId, String secret) {
        byte[] expected = secretHashes.get(clientId);
        byte[] given = sha256(secret);
        return expected != null && MessageDigest.isEqual(expected, given);
    }

    public boolean isKnown(String clientId) {
        return clientId != null && secretHashes.containsKey(clientId);
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
