package io.cloudpro.privacy.service;

import io.cloudpro.platform.privacy.LegalHolds;
import io.cloudpro.platform.privacy.PrivacyParticipant;
import io.cloudpro.platform.privacy.PrivacyResult.CategoryOutcome;
import io.cloudpro.platform.privacy.PrivacyResult.Outcome;
import io.cloudpro.platform.privacy.PrivacyResult.Withheld;
import io.cloudpro.platform.privacy.Subject;
import io.cloudpro.privacy.domain.Complaint;
import io.cloudpro.privacy.domain.Disclosure;
import io.cloudpro.privacy.domain.DsrRequest;
import io.cloudpro.privacy.domain.PortalSession;
import io.cloudpro.privacy.repository.AccessPackageRepository;
import io.cloudpro.privacy.repository.ComplaintRepository;
import io.cloudpro.privacy.repository.DisclosureRepository;
import io.cloudpro.privacy.repository.RequestRepository;
import io.cloudpro.privacy.repository.VerificationRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * privacy-rights-service is a participant like every other: a person's access answer includes their
 * requests, complaints and the disclosures of their data; an erasure keeps requests, complaints and
 * the register of disclosures, as the law that makes us prove compliance requires, and says until when.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class PrivacyRightsParticipant implements PrivacyParticipant {

    static final String REQUESTS = "privacy.requests";
    static final String COMPLAINTS = "privacy.complaints";
    static final String DISCLOSURES = "privacy.disclosure-register";
    static final String PACKAGES = "privacy.access-packages";
    static final String PORTAL_SESSIONS = "privacy.portal-sessions";
    /** Requests and complaints are kept this long after they closed (proof of compliance), then minimised. */
    static final Period CASE_KEPT = Period.ofYears(2);
    /** The register of disclosures is kept this long. */
    static final Period REGISTER_KEPT = Period.ofYears(5);
    private static final String ACCOUNTABILITY = "art. 17(3)(b) GDPR: we must be able to prove how we handled your"
            + " rights (art. 5(2))";

    private final RequestRepository requests;
    private final ComplaintRepository complaints;
    private final DisclosureRepository disclosures;
    private final AccessPackageRepository packages;
    private final VerificationRepository verifications;
    private final PortalSessions portalSessions;

    PrivacyRightsParticipant(RequestRepository requests, ComplaintRepository complaints, DisclosureRepository disclosures,
                             AccessPackageRepository packages, VerificationRepository verifications,
                             PortalSessions portalSessions) {
        this.requests = requests;
        this.complaints = complaints;
        this.disclosures = disclosures;
        this.packages = packages;
        this.verifications = verifications;
        this.portalSessions = portalSessions;
    }

    record RequestView(UUID id, String type, String status, LocalDate receivedOn, LocalDate dueOn, LocalDate extendedTo,
                       String email, String details, String refusalReason, Instant completedAt) {
    }

    record ComplaintView(UUID id, String status, Instant receivedAt, String text, String answer, Instant answeredAt) {
    }

    record PortalSessionView(Instant startedAt, Instant lastUsedAt, Instant endsAt) {
    }

    record DisclosureView(String recipient, String service, List<String> categories, List<String> fields, String basis,
                          String reference, Instant disclosedAt) {
    }

    @Override
    public Export export(Subject subject) {
        Map<String, Object> data = new LinkedHashMap<>();
        List<CategoryOutcome> outcomes = new ArrayList<>();
        List<DsrRequest> filed = requestsOf(subject);
        if (!filed.isEmpty()) {
            data.put(REQUESTS, filed.stream().map(r -> new RequestView(r.id, r.type.name(), r.status.name(), r.receivedOn,
                    r.dueOn, r.extendedTo, r.email, r.details, r.refusalReason == null ? null : r.refusalReason.name(),
                    r.completedAt)).toList());
            outcomes.add(new CategoryOutcome(REQUESTS, Outcome.EXPORTED, filed.size()));
        }
        List<Complaint> complained = complaintsOf(subject, filed);
        if (!complained.isEmpty()) {
            data.put(COMPLAINTS, complained.stream().map(c -> new ComplaintView(c.id, c.status.name(), c.receivedAt,
                    c.text == null || c.text.isEmpty() ? null : c.text, c.answer, c.answeredAt)).toList());
            outcomes.add(new CategoryOutcome(COMPLAINTS, Outcome.EXPORTED, complained.size()));
        }
        List<Disclosure> disclosed = disclosures.ofSubject(subject.allIds());
        if (!disclosed.isEmpty()) {
            data.put(DISCLOSURES, disclosed.stream().map(d -> new DisclosureView(d.recipient, d.service,
                    List.of(d.categories.split(",")), List.of(d.fields.split(",")), d.basis, d.reference, d.disclosedAt)).toList());
            outcomes.add(new CategoryOutcome(DISCLOSURES, Outcome.EXPORTED, disclosed.size()));
        }
        List<PortalSession> sessions = portalSessions.of(subject.allIds());
        if (!sessions.isEmpty()) {
            data.put(PORTAL_SESSIONS, sessions.stream().map(p -> new PortalSessionView(p.createdAt, p.lastSeenAt, p.expiresAt)).toList());
            outcomes.add(new CategoryOutcome(PORTAL_SESSIONS, Outcome.EXPORTED, sessions.size()));
        }
        return new Export(data, outcomes);
    }

    @Override
    public Erasure erase(Subject subject, LegalHolds holds, Instant now) {
        List<Withheld> withheld = new ArrayList<>();
        List<CategoryOutcome> outcomes = new ArrayList<>();
        List<DsrRequest> filed = requestsOf(subject);
        long packagesErased = 0;
        for (DsrRequest request : filed) {
            withheld.add(new Withheld(REQUESTS, "request " + request.id + " of " + request.receivedOn, ACCOUNTABILITY,
                    "GDPR art. 5(2) and 12", until(request.completedAt, CASE_KEPT), null));
            if (request.completedAt != null && packages.deleteById(request.id)) {
                packagesErased++;
            }
        }
        for (Complaint complaint : complaintsOf(subject, filed)) {
            withheld.add(new Withheld(COMPLAINTS, "complaint " + complaint.id + " of "
                    + complaint.receivedAt.atOffset(ZoneOffset.UTC).toLocalDate(), ACCOUNTABILITY, "GDPR art. 5(2) and 77",
                    until(complaint.answeredAt, CASE_KEPT), null));
        }
        for (Disclosure disclosure : disclosures.ofSubject(subject.allIds())) {
            withheld.add(new Withheld(DISCLOSURES, "disclosure to " + disclosure.recipient + " of "
                    + disclosure.disclosedAt.atOffset(ZoneOffset.UTC).toLocalDate(),
                    "art. 17(3)(b) GDPR: the record of who received your data", "GDPR art. 5(2), 15(1)(c) and 30",
                    until(disclosure.disclosedAt, REGISTER_KEPT), null));
        }
        long codes = 0;
        for (String email : emails(filed)) {
            codes += verifications.delete("email", email);
        }
        if (packagesErased + codes > 0) {
            outcomes.add(new CategoryOutcome(PACKAGES, Outcome.ERASED, packagesErased + codes));
        }
        long sessionsEnded = portalSessions.endAll(subject.allIds());
        if (sessionsEnded > 0) {
            outcomes.add(new CategoryOutcome(PORTAL_SESSIONS, Outcome.ERASED, sessionsEnded));
        }
        return new Erasure(outcomes, withheld, List.of());
    }

    // --- purge (retention-service's rolling rules) ------------------------------------------------------

    @Override
    public Set<String> purgeable() {
        return Set.of(REQUESTS, COMPLAINTS, DISCLOSURES);
    }

    /**
     * By cut-off: requests and complaints closed before it are minimised (two years after),
     * disclosures go after five years. Held subjects' records stay. What the person wrote goes when
     * the case closes, packages and codes when they expire: this service does that itself.
     */
    @Override
    public long purge(Purge purge, int limit) {
        if (!purge.byCutoff()) {
            return 0;
        }
        return switch (purge.category()) {
            case REQUESTS -> requests.anonymiseClosedBatch(purge.cutoff(), purge.kept(), limit);
            case COMPLAINTS -> complaints.anonymiseAnsweredBatch(purge.cutoff(), purge.kept(), limit);
            case DISCLOSURES -> disclosures.deleteBatchBefore(purge.cutoff(), purge.kept(), limit);
            default -> 0;
        };
    }

    /** Kept until {@code period} after {@code from}; while the case is open, no date yet. */
    private static Instant until(Instant from, Period period) {
        return from == null ? null : from.atOffset(ZoneOffset.UTC).plus(period).toInstant();
    }

    private List<DsrRequest> requestsOf(Subject subject) {
        List<DsrRequest> found = requests.ofPerson(subject.allIds(), List.of());
        Set<String> emails = emails(found);
        return emails.isEmpty() ? found : requests.ofPerson(subject.allIds(), emails);
    }

    private List<Complaint> complaintsOf(Subject subject, List<DsrRequest> filed) {
        Set<UUID> logins = new LinkedHashSet<>(subject.loginIds());
        logins.add(subject.subjectId());
        return complaints.ofPerson(logins, emails(filed));
    }

    private static Set<String> emails(List<DsrRequest> filed) {
        Set<String> emails = new LinkedHashSet<>();
        filed.stream().map(r -> r.email).filter(Objects::nonNull).forEach(emails::add);
        return emails;
    }
}
