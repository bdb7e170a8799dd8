package io.cloudpro.retention.service;

import io.cloudpro.platform.privacy.LegalHolds;
import io.cloudpro.platform.privacy.PrivacyParticipant;
import io.cloudpro.platform.privacy.PrivacyResult.CategoryOutcome;
import io.cloudpro.platform.privacy.PrivacyResult.Outcome;
import io.cloudpro.platform.privacy.PrivacyResult.Withheld;
import io.cloudpro.platform.privacy.Subject;
import io.cloudpro.retention.domain.LegalHoldCase;
import io.cloudpro.retention.domain.RetentionClock;
import io.cloudpro.retention.repository.ClockRepository;
import io.cloudpro.retention.repository.HoldRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * retention-service as a privacy participant: it holds the legal holds placed on people's data and
 * the clocks of their data's retention (ids and dates).
 * An active hold is withheld from erasure (it exists for a legal claim); a lifted one is erased on
 * request, and purged a year after it was lifted.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class RetentionPrivacyParticipant implements PrivacyParticipant {

    static final String LEGAL_HOLDS = "retention.legal-holds";
    static final String CLOCKS = "retention.clocks";

    private final HoldRepository holds;
    private final ClockRepository clocks;

    RetentionPrivacyParticipant(HoldRepository holds, ClockRepository clocks) {
        this.holds = holds;
        this.clocks = clocks;
    }

    @Override
    public Export export(Subject subject) {
        Map<String, Object> exported = new LinkedHashMap<>();
        List<CategoryOutcome> outcomes = new ArrayList<>();
        List<RetentionClock> running = clocks.ofSubject(subject.allIds());
        if (!running.isEmpty()) {
            exported.put(CLOCKS, running.stream().map(c -> Map.of("category", c.category, "dueAt", c.dueAt,
                    "state", c.state.name())).toList());
            outcomes.add(new CategoryOutcome(CLOCKS, Outcome.EXPORTED, running.size()));
        }
        List<LegalHoldCase> found = holds.ofSubject(subject.allIds());
        if (found.isEmpty()) {
            return new Export(exported, outcomes);
        }
        List<Map<String, Object>> data = new ArrayList<>();
        for (LegalHoldCase hold : found) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("reference", hold.reference);
            row.put("reason", hold.reason);
            row.put("category", hold.category);
            row.put("placedAt", hold.placedAt);
            row.put("liftedAt", hold.liftedAt);
            data.add(row);
        }
        exported.put(LEGAL_HOLDS, data);
        outcomes.add(new CategoryOutcome(LEGAL_HOLDS, Outcome.EXPORTED, found.size()));
        return new Export(exported, outcomes);
    }

    @Override
    public Erasure erase(Subject subject, LegalHolds legalHolds, Instant now) {
        List<Withheld> withheld = holds.ofSubject(subject.allIds()).stream().filter(LegalHoldCase::isActive)
                .map(h -> new Withheld(LEGAL_HOLDS, "hold " + h.reference, "art. 17(3)(e) GDPR: needed for legal claims",
                        "GDPR art. 17(3)(e)", null, h.reference))
                .toList();
        long erased = holds.deleteLiftedOf(subject.allIds());
        List<CategoryOutcome> outcomes = new ArrayList<>();
        long clocksErased = clocks.deleteOfSubject(subject.allIds());
        if (clocksErased > 0) {
            outcomes.add(new CategoryOutcome(CLOCKS, Outcome.ERASED, clocksErased));
        }
        if (erased > 0) {
            outcomes.add(new CategoryOutcome(LEGAL_HOLDS, Outcome.ERASED, erased));
        }
        if (!withheld.isEmpty()) {
            outcomes.add(new CategoryOutcome(LEGAL_HOLDS, Outcome.WITHHELD, withheld.size()));
        }
        return new Erasure(outcomes, withheld, List.of());
    }

    @Override
    public Set<String> purgeable() {
        return Set.of(LEGAL_HOLDS, CLOCKS);
    }

    /** Rolling rules: holds lifted, and clocks finished, more than their period ago. */
    @Override
    public long purge(Purge purge, int limit) {
        if (!purge.byCutoff()) {
            return 0;
        }
        return switch (purge.category()) {
            case LEGAL_HOLDS -> holds.deleteLiftedBefore(purge.cutoff(), purge.kept(), limit);
            case CLOCKS -> clocks.deleteFinishedBefore(purge.cutoff(), purge.kept(), limit);
            default -> 0;
        };
    }
}
