package io.cloudpro.retention.service;

import io.cloudpro.retention.domain.Periods;
import io.cloudpro.retention.domain.RetentionClock;
import io.cloudpro.retention.domain.RetentionPolicy;
import io.cloudpro.retention.repository.ClockRepository;
import io.cloudpro.retention.repository.PolicyRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.Period;
import java.time.temporal.TemporalAmount;
import java.util.List;
import java.util.UUID;

/**
 * Retention clocks: one per subject and category, started by the event the category's policy
 * names, due when its period has run. An event delivered twice starts one clock (the inbox, and a
 * unique subject and category); a later event can move or stop it.
 */
@ApplicationScoped
public class Clocks {

    private static final Logger LOG = Logger.getLogger(Clocks.class);

    public static final String APPLICATION_DECIDED = "io.cloudpro.identity.application.decided.v1";

    private final ClockRepository clocks;
    private final PolicyRepository policies;
    private final Period keepOnFile;

    Clocks(ClockRepository clocks, PolicyRepository policies,
           @ConfigProperty(name = "retention.applications.keep-on-file") Period keepOnFile) {
        this.clocks = clocks;
        this.policies = policies;
        this.keepOnFile = keepOnFile;
    }

    /** What identity-service says about a decided application (ids only). */
    public record ApplicationDecided(UUID applicationId, String decision, boolean keepOnFileConsent, Instant decidedAt) {
    }

    /**
     * A rejection starts the clock of the application's data: the policy's period (28 days), or a year
     * when the applicant agreed to be kept on file. A hire stops it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applicationDecided(UUID eventId, ApplicationDecided decided) {
        for (RetentionPolicy policy : policies.startedBy(APPLICATION_DECIDED)) {
            RetentionClock clock = clocks.locked(policy.category, decided.applicationId()).orElse(null);
            if ("REJECTED".equals(decided.decision())) {
                TemporalAmount period = decided.keepOnFileConsent() ? keepOnFile : Periods.parse(policy.period).orElseThrow();
                Instant due = decided.decidedAt().atZone(java.time.ZoneOffset.UTC).plus(period).toInstant();
                if (clock == null) {
                    clock = new RetentionClock();
                    clock.id = UUID.randomUUID();
                    clock.category = policy.category;
                    clock.subjectId = decided.applicationId();
                    clock.applicationIds = List.of(decided.applicationId());
                    clock.accountIds = List.of();
                    clock.service = policy.services.get(0);
                    clock.startedAt = decided.decidedAt();
                    clock.dueAt = due;
                    clock.startedBy = eventId;
                    clock.state = RetentionClock.State.RUNNING;
                    clocks.persist(clock);
                    LOG.infof("Clock %s of %s started, due %s", clock.id, clock.category, due);
                } else if (clock.state == RetentionClock.State.RUNNING) {
                    clock.dueAt = due;
                    clock.startedBy = eventId;
                }
            } else if (clock != null && clock.state == RetentionClock.State.RUNNING) {
                clock.state = RetentionClock.State.STOPPED;
                LOG.infof("Clock %s of %s stopped: the application was %s", clock.id, clock.category, decided.decision());
            }
        }
    }
}
