package io.cloudpro.retention.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudpro.platform.events.EventInbox;
import io.cloudpro.platform.privacy.PrivacyCatalogues;
import io.cloudpro.platform.privacy.PrivacyResult;
import io.cloudpro.platform.privacy.PrivacyTopics;
import io.cloudpro.retention.service.Clocks;
import io.cloudpro.retention.service.PolicyService;
import io.cloudpro.retention.service.Receipts;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.UUID;

/**
 * What the services tell retention-service: their catalogues (the policies come from them), the
 * events that start retention clocks, and their answers to purges (the receipts). Each is handled once, in the transaction that records it.
 */
@ApplicationScoped
public class PrivacyContractConsumer {

    private final EventInbox inbox;
    private final PolicyService policies;
    private final Receipts receipts;
    private final Clocks clocks;
    private final ObjectMapper json;

    PrivacyContractConsumer(EventInbox inbox, PolicyService policies, Receipts receipts, Clocks clocks, ObjectMapper json) {
        this.clocks = clocks;
        this.inbox = inbox;
        this.policies = policies;
        this.receipts = receipts;
        this.json = json;
    }

    @Incoming("privacy-catalogues")
    @Blocking
    public void onCatalogue(ConsumerRecord<String, String> record) {
        inbox.process("retention-service.catalogues", record, event -> {
            if (PrivacyTopics.CATALOGUE_PUBLISHED.equals(event.type())) {
                policies.catalogued(event.dataAs(PrivacyCatalogues.CataloguePublished.class, json));
            }
        });
    }

    @Incoming("identity-events")
    @Blocking
    public void onIdentityEvent(ConsumerRecord<String, String> record) {
        inbox.process("retention-service.identity-events", record, event -> {
            UUID eventId = UUID.fromString(event.id());
            switch (event.type()) {
                case Clocks.APPLICATION_DECIDED ->
                        clocks.applicationDecided(eventId, event.dataAs(Clocks.ApplicationDecided.class, json));
                case Clocks.ACCOUNT_CLOSED -> clocks.accountClosed(eventId, event.dataAs(Clocks.AccountClosed.class, json));
                case Clocks.ACCOUNT_REOPENED -> clocks.accountReopened(event.dataAs(Clocks.AccountReopened.class, json));
                case Clocks.NEWSLETTER_CONSENT_CHANGED ->
                        clocks.newsletterConsentChanged(eventId, event.dataAs(Clocks.NewsletterConsentChanged.class, json));
                default -> {
                    // other identity events start no clock
                }
            }
        });
    }

    @Incoming("privacy-results")
    @Blocking
    public void onResult(ConsumerRecord<String, String> record) {
        inbox.process("retention-service.results", record, event -> receipts.record(event.dataAs(PrivacyResult.class, json)));
    }
}
