package io.cloudpro.privacy.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudpro.platform.client.ServiceCallException;
import io.cloudpro.platform.client.ServiceClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.UUID;

/** Delivers a rectification's corrections to a participant (PUT /api/v1/privacy/corrections/{commandId}). */
@ApplicationScoped
public class CorrectionsDelivery {

    private final ServiceClient client;
    private final ObjectMapper json;

    CorrectionsDelivery(ServiceClient client, ObjectMapper json) {
        this.client = client;
        this.json = json;
    }

    public void deliver(String baseUrl, UUID commandId, Map<String, String> corrections) {
        try {
            ServiceClient.Answer answer = client.putJson(baseUrl.replaceAll("/+$", "") + "/api/v1/privacy/corrections/" + commandId,
                    json.writeValueAsString(Map.of("corrections", corrections)));
            if (!answer.ok()) {
                throw new ServiceCallException("corrections were refused: HTTP " + answer.status());
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
