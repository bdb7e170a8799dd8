package io.cloudpro.platform.privacy;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cloudpro.platform.events.EventOutbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Every time personal data leaves the company (a payment started at a provider, a domain
 * registered with a registry, a police claim answered), the service that sent it says so here:
 * privacy-rights-service keeps the register of disclosures and names these recipients in access
 * answers. Published in the transaction of the change; ids and field names only.
 */
@ApplicationScoped
public class Disclosures {

    private final EventOutbox outbox;
    private final String service;

    Disclosures(EventOutbox outbox, @ConfigProperty(name = "quarkus.application.name") String service) {
        this.outbox = outbox;
        this.service = service;
    }

    /**
     * One disclosure.
     *
     * @param subjectId  the data subject (an account id, for instance)
     * @param recipient  the named third party, e.g. "Mollie B.V."
     * @param categories the catalogue's category keys of what was sent
     * @param fields     the fields sent, by name (never their values)
     * @param basis      why it was lawful, e.g. "contract: art. 6(1)(b) GDPR"
     * @param reference  what identifies it at the recipient: a payment id, a domain, a claim reference
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Disclosure(UUID disclosureId, String service, UUID subjectId, String recipient, List<String> categories,
                             List<String> fields, String basis, String reference, Instant disclosedAt) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Disclosure publish(UUID subjectId, String recipient, List<String> categories, List<String> fields, String basis,
                              String reference, Instant at) {
        Disclosure disclosure = new Disclosure(UUID.randomUUID(), service, subjectId, recipient, categories, fields, basis,
                reference, at);
        outbox.publish(PrivacyTopics.DISCLOSURES, PrivacyTopics.DISCLOSURE, subjectId.toString(), disclosure);
        return disclosure;
    }
}
