package io.cloudpro.order.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudpro.order.service.BillingDirectory;
import io.cloudpro.platform.client.ServiceCallException;
import io.cloudpro.platform.client.ServiceClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;
import java.util.UUID;

/** {@link BillingDirectory} over identity-service's {@code GET /api/v1/billing/accounts/{id}}, with this service's token. */
@ApplicationScoped
public class IdentityBillingDirectory implements BillingDirectory {

    private final ServiceClient client;
    private final ObjectMapper json;
    private final String url;

    IdentityBillingDirectory(ServiceClient client, ObjectMapper json, @ConfigProperty(name = "cloudpro.identity-url") String identityUrl) {
        this.client = client;
        this.json = json;
        this.url = identityUrl.replaceAll("/+$", "") + "/api/v1/billing/accounts/";
    }

    @Override
    public Optional<BillingDetails> of(UUID accountId) {
        ServiceClient.Answer answer = client.get(url + accountId);
        if (answer.status() == 404) {
            return Optional.empty();
        }
        if (!answer.ok()) {
            throw new ServiceCallException("identity-service answered the billing lookup with HTTP " + answer.status());
        }
        try {
            return Optional.of(json.readValue(answer.body(), BillingDetails.class));
        } catch (JsonProcessingException e) {
            throw new ServiceCallException("identity-service's billing details are not readable", e);
        }
    }
}
