package io.cloudpro.privacy.client;

import io.cloudpro.platform.client.ServiceCallException;
import io.cloudpro.platform.client.ServiceClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Optional;

/** Picks up a participant's export by its claim check, with this service's token, and then has it deleted there. */
@ApplicationScoped
public class ExportFetcher {

    /** An export may carry CVs: more time to arrive whole than a small answer. */
    private static final Duration WHOLE_EXPORT = Duration.ofMinutes(3);

    private final ServiceClient client;

    ExportFetcher(ServiceClient client) {
        this.client = client;
    }

    /** The export's JSON; empty when the participant no longer has it (expired, or fetched before). */
    public Optional<String> fetch(String url) {
        ServiceClient.Answer answer = client.get(url, WHOLE_EXPORT);
        if (answer.status() == 404) {
            return Optional.empty();
        }
        if (!answer.ok()) {
            throw new ServiceCallException("an export could not be fetched: HTTP " + answer.status());
        }
        return Optional.of(answer.body());
    }

    /** Tells the participant it may delete its copy; a failure is harmless (it expires anyway). */
    public void release(String url) {
        try {
            client.delete(url);
        } catch (ServiceCallException e) {
            // the participant deletes unfetched exports after a week
        }
    }
}
