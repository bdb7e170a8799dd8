package io.cloudpro.privacy.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudpro.platform.client.ServiceCallException;
import io.cloudpro.platform.client.ServiceClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;
import java.util.UUID;

/** {@link SubjectDirectory} over identity-service's {@code POST /api/v1/privacy/subjects}, with this service's token. */
@ApplicationScoped
public class IdentitySubjectDirectory implements SubjectDirectory {

    private final ServiceClient client;
    private final ObjectMapper json;
    private final String url;

    IdentitySubjectDirectory(ServiceClient client, ObjectMapper json, @ConfigProperty(name = "cloudpro.identity-url") String identityUrl) {
        this.client = client;
        this.json = json;
        this.url = identityUrl.replaceAll("/+$", "") + "/api/v1/privacy/subjects";
    }

    @Override
    public Found byLogin(UUID loginId) {
        return lookup(Map.of("loginId", loginId.toString()));
    }

    @Override
    public Found byEmail(String email) {
        return lookup(Map.of("email", email));
    }

    private Found lookup(Map<String, String> body) {
        try {
            ServiceClient.Answer answer = client.postJson(url, json.writeValueAsString(body));
            if (!answer.ok()) {
                throw new ServiceCallException("identity-service answered the subject lookup with HTTP " + answer.status());
            }
            return json.readValue(answer.body(), Found.class);
        } catch (JsonProcessingException e) {
            throw new ServiceCallException("identity-service's subject lookup answer is not readable", e);
        }
    }
}
