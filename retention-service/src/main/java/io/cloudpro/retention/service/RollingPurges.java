package io.cloudpro.retention.service;

import io.cloudpro.platform.events.EventOutbox;
import io.cloudpro.platform.privacy.PrivacyCommand;
import io.cloudpro.platform.privacy.PrivacyTopics;
import io.cloudpro.platform.privacy.Subject;
import io.cloudpro.platform.time.Timestamps;
import io.cloudpro.retention.domain.Periods;
import io.cloudpro.retention.domain.PurgeRun;
import io.cloudpro.retention.domain.RetentionPolicy;
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
 * Rolling rules: a category whose retention no event starts (login history: the login itself;
 * invoices: the end of their fiscal year) is purged by cut-off, at each service that holds it, - every record whose period started
 * more than the period ago - once every {@code retention.rolling.every}. A PURGE that gets no
 * receipt is sent again under its id (the participant answers it once) until one comes; one that
 * is away when its turn comes is purged when it is back, since the command waits on Kafka.
 */
@ApplicationScoped
public class RollingPurges {

    private static final Logger LOG = Logger.getLogger(RollingPurges.class);

    private final PolicyRepository policies;
    private final PurgeRepository purges;
    private final EventOutbox outbox;
    private final Duration every;
    private final Duration retryAfter;

    RollingPurges(PolicyRepository policies, PurgeRepository purges, EventOutbox outbox,
                  @ConfigProperty(name = "retention.rolling.every") Duration every,
                  @ConfigProperty(name = "retention.purge.retry-after") Duration retryAfter) {
        this.policies = policies;
        this.purges = purges;
        this.outbox = outbox;
        this.every = every;
        this.retryAfter = retryAfter;
    }

    @Scheduled(every = "${retention.rolling.check-interval}", delayed = "${retention.rolling.check-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        sendDue(Timestamps.now());
        resendUnanswered(Timestamps.now());
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
            publish(run, now);
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
        PurgeRun run = new PurgeRun();
        run.commandId = UUID.randomUUID();
        run.category = policy.category;
        run.service = service;
        run.subjectId = ruleId(policy.category);
        run.cutoff = cutoff;
        run.sentAt = now;
        run.attempts = 1;
        run.nextAttemptAt = now.plus(retryAfter);
        purges.persist(run);
        publish(run, now);
        LOG.infof("Purge %s sent to %s: %s older than %s (cut-off %s)", run.commandId, run.service, run.category,
                policy.period, cutoff);
    }

    private void publish(PurgeRun run, Instant now) {
        PrivacyCommand command = new PrivacyCommand(run.commandId, null, PrivacyCommand.Kind.PURGE,
                new Subject(run.subjectId, List.of(), List.of(), List.of()), List.of(run.service), null, null,
                run.category, run.cutoff, now);
        outbox.publish(PrivacyTopics.COMMANDS, PrivacyCommand.Kind.PURGE.eventType(), run.subjectId.toString(), command);
    }
}
