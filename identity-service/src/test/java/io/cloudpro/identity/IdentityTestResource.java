package io.cloudpro.identity;

import io.cloudpro.testsupport.ServiceTestResource;
import io.cloudpro.testsupport.TestTokens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The platform's test resource, plus what the token issuer needs: it signs with the test key that
 * the test JWKS publishes (so its tokens verify like TestTokens' do), a bootstrap admin, and fast
 * mail delivery.
 */
public class IdentityTestResource extends ServiceTestResource {

    public static final String ADMIN_EMAIL = "admin@cloudpro.test";

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        try {
            Path keys = Files.createTempDirectory("identity-keys-");
            TestTokens.writeSigningKey(keys);
            config.put("identity.jwt.keys-dir", keys.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        config.put("identity.bootstrap-admin-email", ADMIN_EMAIL);
        config.put("cloudpro.mail.send-interval", "100ms");
        config.put("identity.link-base-url", "https://my.cloudpro.test");
        return config;
    }
}
