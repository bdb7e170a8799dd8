package io.cloudpro.privacy;

import io.cloudpro.testsupport.ServiceTestResource;

import java.util.HashMap;
import java.util.Map;

/** The platform's test resource, with identity-service simulated (tokens, lookups, a participant) and quick mail. */
public class PrivacyRightsTestResource extends ServiceTestResource {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("cloudpro.identity-url", IdentitySimulator.get().url());
        config.put("cloudpro.mail.send-interval", "100ms");
        config.put("privacy.public-url", "https://privacy.cloudpro.test");
        return config;
    }
}
