package io.cloudpro.retention.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cloudpro.platform.events.EventOutbox;
import io.cloudpro.platform.privacy.PrivacyTopics;
import io.cloudpro.platform.problem.ProblemException;
import io.cloudpro.platform.problem.ProblemType;
import io.cloudpro.platform.time.Timestamps;
import io.cloudpro.retention.domain.LegalHoldCase;
import io.cloudpro.retention.repository.HoldRepository;
import io.cloudpro.retention.repository.PolicyRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Legal holds: the privacy officer places one on a subject, a category, or a subject's category,
 * with a reason and a case reference, and lifts it. Each is published on {@value PrivacyTopics#HOLDS}
 * (compacted, key: the hold's id) in the same transaction; every service keeps the active ones and
 * withholds what they cover from erasures and purges, with the reference.
 */
@ApplicationScoped
public class HoldService {

    private static final Logger LOG = Logger.getLogger(HoldService.class);

    private final HoldRepository holds;
    private final PolicyRepository policies;
    private final EventOutbox outbox;

    HoldService(HoldRepository holds, PolicyRepository policies, EventOutbox outbox) {
        this.holds = holds;
        this.policies = policies;
        this.outbox = outbox;
    }

    /** What {@code retention.holds} carries: ids and the case reference, never the reason. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HoldPlaced(UUID holdId, UUID subjectId, String category, String reference, Instant placedAt) {
    }

    public record HoldLifted(UUID holdId, Instant liftedAt) {
    }

    @Transactional
    public LegalHoldCase place(UUID subjectId, String category, String reference, String reason, UUID officer) {
        if (subjectId == null && category == null) {
            throw ProblemException.invalidField("subjectId", "a hold names a subject, a category, or both");
        }
        if (category != null && policies.findByIdOptional(category).isEmpty()) {
            throw ProblemException.invalidField("category", "a category some service declares");
        }
        LegalHoldCase hold = new LegalHoldCase();
        hold.id = UUID.randomUUID();
        hold.subjectId = subjectId;
        hold.category = category;
        hold.reference = reference;
        hold.reason = reason;
        hold.placedBy = officer;
        hold.placedAt = Timestamps.now();
        holds.persist(hold);
        outbox.publish(PrivacyTopics.HOLDS, PrivacyTopics.HOLD_PLACED, hold.id.toString(),
                new HoldPlaced(hold.id, subjectId, category, reference, hold.placedAt));
        LOG.infof("Legal hold %s placed", hold.id); // the reference is the officer's free text: it stays out of the log
        return hold;
    }

    @Transactional
    public LegalHoldCase lift(UUID id, String reason, UUID officer) {
        LegalHoldCase hold = holds.locked(id).orElseThrow(() -> ProblemException.notFound("legal hold"));
        if (!hold.isActive()) {
            throw new ProblemException(ProblemType.CONFLICT, "This hold was lifted on " + hold.liftedAt + ".");
        }
        hold.liftedBy = officer;
        hold.liftedAt = Timestamps.now();
        hold.liftReason = reason;
        outbox.publish(PrivacyTopics.HOLDS, PrivacyTopics.HOLD_LIFTED, hold.id.toString(), new HoldLifted(hold.id, hold.liftedAt));
        LOG.infof("Legal hold %s lifted", hold.id);
        return hold;
    }

    @Transactional
    public List<LegalHoldCase> list(boolean activeOnly) {
        return holds.listed(activeOnly);
    }

    @Transactional
    public LegalHoldCase get(UUID id) {
        return holds.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("legal hold"));
    }
}
