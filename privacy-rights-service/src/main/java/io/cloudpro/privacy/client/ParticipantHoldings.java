package io.cloudpro.privacy.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudpro.platform.client.ServiceCallException;
import io.cloudpro.platform.client.ServiceClient;
import io.cloudpro.platform.privacy.PrivacyParticipant;
import io.cloudpro.platform.privacy.Subject;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;

/**
 * Asks a participant how many records of each category it holds about a person (its
 * {@code /api/v1/privacy/holdings}), with this service's token: counts only, never the data.
 */
@ApplicationScoped
public class ParticipantHoldings {

    private record Answer(String service, List<PrivacyParticipant.Holding> categories) {
    }

    private final ServiceClient client;
    private final ObjectMapper json;

    ParticipantHoldings(ServiceClient client, ObjectMapper json) {
        this.client = client;
        this.json = json;
    }

    /** @throws ServiceCallException when the participant does not answer within {@code timeout}, or not with counts */
    public List<PrivacyParticipant.Holding> of(String baseUrl, Subject subject, Duration timeout) {
        try {
            ServiceClient.Answer answer = client.postJson(baseUrl.replaceAll("/+$", "") + "/api/v1/privacy/holdings",
                    json.writeValueAsString(subject), timeout);
            if (!answer.ok()) {
                throw new ServiceCallException("a participant answered the holdings question with HTTP " + answer.status());
            }
            return json.readValue(answer.body(), Answer.class).categories();
        } catch (JsonProcessingException e) {
            throw new ServiceCallException("a participant's holdings answer is not readable", e);
        }
    }
}
