package io.cloudpro.privacy.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudpro.platform.client.ServiceCallException;
import io.cloudpro.privacy.client.BearerHttp;
import io.cloudpro.privacy.client.IdentityOnBehalf;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Optional;

/**
 * What identity-service holds about the customer logged in to the portal - their account, their
 * recent logins, their newsletter consent - read, and the consent changed, with their own token:
 * the portal sees exactly what the customer's own app would, no more.
 */
@ApplicationScoped
public class CustomerData {

    /** The account, the last logins (identity-service's page of them), and the consent (empty for a member, whose owner decides). */
    public record Snapshot(JsonNode account, JsonNode logins, Optional<JsonNode> newsletter) {
    }

    private final IdentityOnBehalf identity;

    CustomerData(IdentityOnBehalf identity) {
        this.identity = identity;
    }

    public Snapshot read(PortalSessions.Visitor visitor, int logins) {
        BearerHttp.Answer account = identity.get(visitor.accessToken(), "/api/v1/me");
        BearerHttp.Answer history = identity.get(visitor.accessToken(), "/api/v1/me/logins?size=" + logins);
        BearerHttp.Answer newsletter = identity.get(visitor.accessToken(), "/api/v1/me/newsletter");
        if (!account.ok() || !history.ok() || !newsletter.ok() && newsletter.status() != 403) {
            // 403 on the consent is a member's: the owner decides; anything else is identity-service's trouble
            throw new ServiceCallException("identity-service answered the portal's reads with HTTP " + account.status()
                    + ", " + history.status() + " and " + newsletter.status());
        }
        return new Snapshot(account.body(), history.body(), newsletter.ok() ? Optional.of(newsletter.body()) : Optional.empty());
    }

    /** Subscribes or unsubscribes; empty when done, else identity-service's reason. */
    public Optional<String> setNewsletter(PortalSessions.Visitor visitor, boolean subscribed) {
        BearerHttp.Answer changed = identity.put(visitor.accessToken(), "/api/v1/me/newsletter",
                Map.of("subscribed", subscribed));
        return changed.ok() ? Optional.empty()
                : Optional.of(changed.body().path("detail").asText("Your newsletter choice could not be changed."));
    }
}
