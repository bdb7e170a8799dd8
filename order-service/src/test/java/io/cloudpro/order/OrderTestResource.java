package io.cloudpro.order;

import io.cloudpro.testsupport.ServiceTestResource;
import io.cloudpro.testsupport.TestInfrastructure;

import java.util.HashMap;
import java.util.Map;

/** The platform's test resource, with identity-service stubbed and the outside providers simulated over HTTP. */
public class OrderTestResource extends ServiceTestResource {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("cloudpro.identity-url", IdentityStub.get().url());
        config.put("cloudpro.service-client.secret", "test-only-service-secret");
        TestInfrastructure.get().providers().serviceEnvironment()
                .forEach((name, value) -> config.put(name, value));
        return config;
    }
}
