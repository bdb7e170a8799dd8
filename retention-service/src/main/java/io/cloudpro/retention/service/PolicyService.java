package io.cloudpro.retention.service;

import io.cloudpro.platform.events.EventOutbox;
import io.cloudpro.platform.privacy.Catalogue;
import io.cloudpro.platform.privacy.PrivacyCatalogues;
import io.cloudpro.platform.privacy.PrivacyTopics;
import io.cloudpro.platform.problem.ProblemException;
import io.cloudpro.platform.time.Timestamps;
import io.cloudpro.retention.domain.Periods;
import io.cloudpro.retention.domain.PolicyVersion;
import io.cloudpro.retention.domain.RetentionPolicy;
import io.cloudpro.retention.repository.PolicyRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.TemporalAmount;
import java.util.List;
import java.util.UUID;

/**
 * The retention policies: one per data category, built from the catalogues the services publish,
 * and the privacy officer's changes to their periods - each a new version with who, when and why,
 * never below a statutory minimum.
 */
@ApplicationScoped
public class PolicyService {

    private static final Logger LOG = Logger.getLogger(PolicyService.class);

    private final PolicyRepository policies;

    private final EventOutbox outbox;

    PolicyService(PolicyRepository policies, EventOutbox outbox) {
        this.policies = policies;
        this.outbox = outbox;
    }

    /**
     * A service published its catalogue: each category gets a policy, or its policy follows what
     * the catalogue now declares. A period the privacy officer set stays, unless the catalogue now
     * declares a statutory minimum above it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void catalogued(PrivacyCatalogues.CataloguePublished published) {
        Catalogue catalogue = published.catalogue();
        Instant now = Timestamps.now();
        for (Catalogue.Category category : catalogue.categories()) {
            Catalogue.Retention retention = category.retention();
            RetentionPolicy policy = policies.locked(category.key()).orElse(null);
            boolean isNew = policy == null;
            String period;
            if (isNew) {
                policy = new RetentionPolicy();
                policy.category = category.key();
                period = retention.period();
            } else {
                period = policies.changedByOfficer(policy.category) ? policy.period : retention.period();
            }
            if (retention.statutoryMinimum() != null && shorter(period, retention.statutoryMinimum())) {
                period = retention.statutoryMinimum();
            }
            if (!policy.services.contains(catalogue.service())) {
                policy.services = new java.util.ArrayList<>(policy.services);
                policy.services.add(catalogue.service());
                policy.services.sort(null);
            }
            policy.name = category.name();
            policy.declaredPeriod = retention.period();
            policy.statutoryMinimum = retention.statutoryMinimum();
            policy.law = retention.law();
            policy.startsAt = retention.startsAt();
            policy.startEvent = retention.startEvent();
            policy.action = retention.action().name();
            policy.enforcedBy = retention.enforcedBy().name();
            String reason = "declared by " + catalogue.service() + "'s catalogue";
            if (isNew) {
                policy.version = 0;
                setPeriod(policy, period, now);
                policies.persist(policy); // the policy's row first: the version refers to it
                policies.addVersion(version(policy, null, reason, now));
                LOG.infof("Retention of %s: %s (from %s's catalogue)", policy.category, period, catalogue.service());
            } else if (!period.equals(policy.period)) {
                newVersion(policy, period, null, reason, now);
                LOG.infof("Retention of %s: %s (version %d, from %s's catalogue)", policy.category, period,
                        policy.version, catalogue.service());
            }
        }
    }

    @Transactional
    public List<RetentionPolicy> list() {
        return policies.all();
    }

    @Transactional
    public RetentionPolicy get(String category) {
        return policies.findByIdOptional(category).orElseThrow(() -> ProblemException.notFound("retention policy"));
    }

    @Transactional
    public List<PolicyVersion> versions(String category) {
        get(category);
        return policies.versions(category);
    }

    /**
     * The privacy officer sets a category's period: a new version, refused below the statutory minimum
     * and for the categories their owner deletes itself.
     */
    @Transactional
    public RetentionPolicy change(String category, String period, String reason, UUID officer) {
        TemporalAmount parsed = Periods.parse(period)
                .orElseThrow(() -> ProblemException.invalidField("period", "an ISO-8601 period such as P90D or P2Y"));
        RetentionPolicy policy = policies.locked(category).orElseThrow(() -> ProblemException.notFound("retention policy"));
        if ("OWNER".equals(policy.enforcedBy)) {
            throw new ProblemException(RetentionProblems.ENFORCED_BY_OWNER, policy.services + " delete " + category
                    + " themselves as it expires (" + policy.period + "); their configuration sets the period.");
        }
        if (policy.statutoryMinimum != null
                && Periods.isShorter(parsed, Periods.parse(policy.statutoryMinimum).orElseThrow())) {
            throw new ProblemException(RetentionProblems.BELOW_STATUTORY_MINIMUM, "The law keeps " + category + " at least "
                    + policy.statutoryMinimum + " (" + policy.law + "); a shorter period cannot be set.");
        }
        if (!parsed.toString().equals(policy.period)) {
            newVersion(policy, parsed.toString(), officer, reason, Timestamps.now());
            LOG.infof("Retention of %s changed to %s (version %d) by %s", category, policy.period, policy.version, officer);
        }
        return policy;
    }

    private void newVersion(RetentionPolicy policy, String period, UUID by, String reason, Instant now) {
        setPeriod(policy, period, now);
        policies.addVersion(version(policy, by, reason, now));
    }

    /** Every period in force is published, so the information sheet and the privacy statement say it. */
    private void setPeriod(RetentionPolicy policy, String period, Instant now) {
        policy.period = period;
        policy.version++;
        policy.updatedAt = now;
        outbox.publish(PrivacyTopics.POLICIES, PrivacyTopics.PERIOD_IN_FORCE, policy.category,
                new PrivacyCatalogues.PeriodInForce(policy.category, period, policy.version, now));
    }

    private static PolicyVersion version(RetentionPolicy policy, UUID by, String reason, Instant now) {
        PolicyVersion version = new PolicyVersion();
        version.key = new PolicyVersion.Key(policy.category, policy.version);
        version.period = policy.period;
        version.changedBy = by;
        version.changedAt = now;
        version.reason = reason;
        return version;
    }

    private static boolean shorter(String period, String minimum) {
        return Periods.isShorter(Periods.parse(period).orElseThrow(), Periods.parse(minimum).orElseThrow());
    }
}
