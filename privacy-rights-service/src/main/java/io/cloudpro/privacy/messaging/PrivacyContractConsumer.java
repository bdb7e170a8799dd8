package io.cloudpro.privacy.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudpro.platform.events.EventInbox;
import io.cloudpro.platform.privacy.Disclosures;
import io.cloudpro.platform.privacy.PrivacyCatalogues;
import io.cloudpro.platform.privacy.PrivacyResult;
import io.cloudpro.platform.privacy.PrivacyTopics;
import io.cloudpro.privacy.service.CatalogueRegistry;
import io.cloudpro.privacy.service.DisclosureRegister;
import io.cloudpro.privacy.service.ParticipantResults;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * What the other services tell privacy-rights-service over Kafka: their catalogues and the retention
 * periods in force, their answers to privacy commands, and every disclosure of personal data to a
 * third party. Each is handled once
 * (the platform's inbox), in the transaction that records it.
 */
@ApplicationScoped
public class PrivacyContractConsumer {

    private final EventInbox inbox;
    private final CatalogueRegistry catalogues;
    private final ParticipantResults results;
    private final DisclosureRegister disclosures;
    private final ObjectMapper json;

    PrivacyContractConsumer(EventInbox inbox, CatalogueRegistry catalogues, ParticipantResults results,
                            DisclosureRegister disclosures, ObjectMapper json) {
        this.inbox = inbox;
        this.catalogues = catalogues;
        this.results = results;
        this.disclosures = disclosures;
        this.json = json;
    }

    @Incoming("privacy-catalogues")
    @Blocking
    public void onCatalogue(ConsumerRecord<String, String> record) {
        inbox.process("privacy-rights-service.catalogues", record, event -> {
            if (PrivacyTopics.CATALOGUE_PUBLISHED.equals(event.type())) {
                catalogues.published(event.dataAs(PrivacyCatalogues.CataloguePublished.class, json));
            }
        });
    }

    @Incoming("retention-policies")
    @Blocking
    public void onPeriodInForce(ConsumerRecord<String, String> record) {
        inbox.process("privacy-rights-service.policies", record, event -> {
            if (PrivacyTopics.PERIOD_IN_FORCE.equals(event.type())) {
                catalogues.periodInForce(event.dataAs(PrivacyCatalogues.PeriodInForce.class, json));
            }
        });
    }

    @Incoming("privacy-results")
    @Blocking
    public void onResult(ConsumerRecord<String, String> record) {
        inbox.process("privacy-rights-service.results", record,
                event -> results.record(event.dataAs(PrivacyResult.class, json)));
    }

    @Incoming("privacy-disclosures")
    @Blocking
    public void onDisclosure(ConsumerRecord<String, String> record) {
        inbox.process("privacy-rights-service.disclosures", record, event -> {
            if (PrivacyTopics.DISCLOSURE.equals(event.type())) {
                disclosures.published(event.dataAs(Disclosures.Disclosure.class, json));
            }
        });
    }
}
