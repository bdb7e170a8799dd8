package io.cloudpro.privacy.service;

import io.cloudpro.platform.paging.Page;
import io.cloudpro.platform.privacy.Disclosures;
import io.cloudpro.platform.time.Timestamps;
import io.cloudpro.privacy.domain.Disclosure;
import io.cloudpro.privacy.repository.DisclosureRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The register of disclosures (GDPR art. 15(1)(c), 30(1)(d)): every time personal data left the
 * company - published by the service that sent it, or a police claim the privacy officer answered.
 * Access answers name these recipients.
 */
@ApplicationScoped
public class DisclosureRegister {

    private final DisclosureRepository disclosures;
    private final HistoryLog history;

    DisclosureRegister(DisclosureRepository disclosures, HistoryLog history) {
        this.disclosures = disclosures;
        this.history = history;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void published(Disclosures.Disclosure event) {
        if (disclosures.findById(event.disclosureId()) != null) {
            return;
        }
        Disclosure disclosure = new Disclosure();
        disclosure.id = event.disclosureId();
        disclosure.kind = Disclosure.Kind.SERVICE;
        disclosure.service = event.service();
        disclosure.subjectId = event.subjectId();
        disclosure.recipient = event.recipient();
        disclosure.categories = String.join(",", event.categories() == null ? List.of() : event.categories());
        disclosure.fields = String.join(",", event.fields() == null ? List.of() : event.fields());
        disclosure.basis = event.basis();
        disclosure.reference = event.reference();
        disclosure.disclosedAt = event.disclosedAt();
        disclosures.persist(disclosure);
    }

    /** What the officer records of a police claim that was answered. */
    public record PoliceClaim(UUID subjectId, String authority, String claimReference, String legalBasis,
                              List<String> categories, List<String> fields, Instant disclosedAt) {
    }

    @Transactional
    public Disclosure recordPoliceClaim(UUID officerId, PoliceClaim claim) {
        Disclosure disclosure = new Disclosure();
        disclosure.id = UUID.randomUUID();
        disclosure.kind = Disclosure.Kind.POLICE_CLAIM;
        disclosure.service = "privacy-rights-service";
        disclosure.subjectId = claim.subjectId();
        disclosure.recipient = claim.authority();
        disclosure.categories = String.join(",", claim.categories());
        disclosure.fields = String.join(",", claim.fields());
        disclosure.basis = claim.legalBasis();
        disclosure.reference = claim.claimReference();
        disclosure.disclosedAt = claim.disclosedAt() == null ? Timestamps.now() : claim.disclosedAt();
        disclosure.recordedBy = officerId;
        disclosures.persist(disclosure);
        history.append(null, null, "disclosure.police-claim-recorded", HistoryLog.officer(officerId),
                java.util.Map.of("disclosureId", disclosure.id.toString(), "subjectId", claim.subjectId().toString()));
        return disclosure;
    }

    @Transactional
    public Page<Disclosure> page(UUID subjectId, int page, int size) {
        return new Page<>(disclosures.page(subjectId, page, size), page, size, disclosures.countFor(subjectId));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Disclosure> ofSubject(Collection<UUID> ids) {
        return disclosures.ofSubject(ids);
    }
}
