package io.cloudpro.retention.service;

import io.cloudpro.platform.events.EventOutbox;
import io.cloudpro.platform.privacy.PrivacyCommand;
import io.cloudpro.platform.privacy.PrivacyTopics;
import io.cloudpro.platform.privacy.Subject;
import io.cloudpro.retention.domain.Periods;
import io.cloudpro.retention.domain.PurgeRun;
import io.cloudpro.retention.domain.RetentionClock;
import io.cloudpro.retention.domain.RetentionPolicy;
import io.cloudpro.retention.repository.ClockRepository;
import io.cloudpro.retention.repository.PolicyRepository;
import io.cloudpro.retention.repository.PurgeRepository;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Sends the purges: for clocks that fell due (one subject's data of one category, see
 * {@link Clocks}) and for rolling rules.
 * <p>
 * Rolling rules: a category whose retention no event starts (login history: the login itself;
 * invoices: the end of their fiscal year) is purged by cut-off, at each service that holds it, - every record whose period started
 * more than the period ago - once every {@code retention.rolling.every}. A PURGE that gets no
 * receipt is sent again under its id (the participant answers it once) until one comes; one that
 * is away when its turn comes is purged when it is back, since the command waits on Kafka.
 */
@ApplicationScoped
public class PurgeScheduler {

    private static final Logger LOG = Logger.getLogger(PurgeScheduler.class);

    private final PolicyRepository policies;
    private final PurgeRepository purges;
    private final ClockRepository clocks;
    private final EventOutbox outbox;
    private final RetentionTime time;
    private final Duration every;
    private final Duration retryAfter;

    PurgeScheduler(PolicyRepository policies, PurgeRepository purges, ClockRepository clocks, EventOutbox outbox,
                   RetentionTime time, @ConfigProperty(name = "retention.rolling.every") Duration every,
                   @ConfigProperty(name = "retention.purge.retry-after") Duration retryAfter) {
        this.policies = policies;
        this.purges = purges;
        this.clocks = clocks;
        this.outbox = outbox;
        this.time = time;
        this.every = every;
        this.retryAfter = retryAfter;
    }

    @Scheduled(every = "${retention.rolling.check-interval}", delayed = "${retention.rolling.check-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        sendDueClocks(time.now());
        sendDue(time.now());
        resendUnanswered(time.now());
    }

    /** Sends a PURGE for each clock that fell due; how many. Holds are the participant's to check. */
    @Transactional
    public int sendDueClocks(Instant now) {
        List<RetentionClock> due = clocks.due(now, 100);
        for (RetentionClock clock : due) {
            PurgeRun run = newRun(clock.category, clock.service, clock.subjectId, null, now);
            clock.state = RetentionClock.State.PURGE_SENT;
            clock.commandId = run.commandId;
            publish(run, subjectOf(clock), now);
            LOG.infof("Purge %s sent to %s: clock %s of %s fell due", run.commandId, run.service, clock.id, clock.category);
        }
        return due.size();
    }

    /** Sends a PURGE for every rolling rule whose last one is older than {@code every}; how many. */
    @Transactional
    public int sendDue(Instant now) {
        int sent = 0;
        for (RetentionPolicy policy : policies.rolling()) {
            for (String service : policy.services) {
                PurgeRun last = purges.latest(policy.category, service).orElse(null);
                if (last != null && last.sentAt.isAfter(now.minus(every))) {
                    continue;
                }
                send(policy, service, cutoff(policy, now), now);
                sent++;
            }
        }
        return sent;
    }

    /** Sends again the PURGEs whose receipt has not come within {@code retryAfter}; how many. */
    @Transactional
    public int resendUnanswered(Instant now) {
        List<PurgeRun> due = purges.dueForRetry(now, 100);
        for (PurgeRun run : due) {
            run.attempts++;
            run.nextAttemptAt = now.plus(retryAfter.multipliedBy(Math.min(run.attempts, 8)));
            publish(run, clocks.byCommand(run.commandId).map(PurgeScheduler::subjectOf)
                    .orElse(new Subject(run.subjectId, List.of(), List.of(), List.of())), now);
            LOG.warnf("No receipt for purge %s of %s from %s yet; sent again (attempt %d)", run.commandId, run.category,
                    run.service, run.attempts);
        }
        return due.size();
    }

    /** Records whose period started before this go: now minus the period, in UTC days. */
    static Instant cutoff(RetentionPolicy policy, Instant now) {
        return Periods.before(now, Periods.parse(policy.period).orElseThrow());
    }

    /** The id a rolling rule's purges carry as their subject: fixed per category, never a person's. */
    static UUID ruleId(String category) {
        return UUID.nameUUIDFromBytes(("retention-rule:" + category).getBytes(StandardCharsets.UTF_8));
    }

    private void send(RetentionPolicy policy, String service, Instant cutoff, Instant now) {
        PurgeRun run = newRun(policy.category, service, ruleId(policy.category), cutoff, now);
        publish(run, new Subject(run.subjectId, List.of(), List.of(), List.of()), now);
        LOG.infof("Purge %s sent to %s: %s older than %s (cut-off %s)", run.commandId, run.service, run.category,
                policy.period, cutoff);
    }

    private PurgeRun newRun(String category, String service, UUID subjectId, Instant cutoff, Instant now) {
        PurgeRun run = new PurgeRun();
        run.commandId = UUID.randomUUID();
        run.category = category;
        run.service = service;
        run.subjectId = subjectId;
        run.cutoff = cutoff;
        run.sentAt = now;
        run.attempts = 1;
        run.nextAttemptAt = now.plus(retryAfter);
        purges.persist(run);
        return run;
    }

    private static Subject subjectOf(RetentionClock clock) {
        return new Subject(clock.subjectId, clock.accountIds, List.of(), clock.applicationIds);
    }

    private void publish(PurgeRun run, Subject subject, Instant now) {
        PrivacyCommand command = new PrivacyCommand(run.commandId, null, PrivacyCommand.Kind.PURGE,
                subject, List.of(run.service), null, null, run.category, run.cutoff, now);
        outbox.publish(PrivacyTopics.COMMANDS, PrivacyCommand.Kind.PURGE.eventType(), run.subjectId.toString(), command);
    }
}
