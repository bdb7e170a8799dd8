package io.cloudpro.order;

import io.cloudpro.infra.FreePorts;
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
        // a fixed port, so that the providers' webhooks find the service under test
        int port = FreePorts.find();
        config.put("quarkus.http.test-port", Integer.toString(port));
        config.put("PAYMENT_WEBHOOK_BASE_URL", "http://localhost:" + port);
        config.put("order.payments.check-interval", "1s");
        config.put("order.registrar.retry-interval", "1s");
        config.put("order.scheduler.first-run", "1s");
        TestInfrastructure.get().providers().payPalWebhookUrl("http://localhost:" + port + "/api/v1/payments/webhooks/paypal");
        return config;
    }
}
