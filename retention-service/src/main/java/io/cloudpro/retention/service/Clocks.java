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
import java.time.ZoneOffset;
import java.time.temporal.TemporalAmount;
import java.util.List;
import java.util.UUID;

/**
 * Retention clocks: one per subject and category, started by the event the category's policy
 * names, due when its period has run. An event delivered twice starts one clock (the inbox, and a
 * unique subject and category); a later event moves or stops it: an account re-opened within its
 * grace period, a newsletter subscribed to again, an applicant hired after all.
 */
@ApplicationScoped
public class Clocks {

    private static final Logger LOG = Logger.getLogger(Clocks.class);

    static final String IDENTITY = "io.cloudpro.identity.";
    public static final String APPLICATION_DECIDED = IDENTITY + "application.decided.v1";
    public static final String ACCOUNT_CLOSED = IDENTITY + "account.closed.v1";
    public static final String ACCOUNT_REOPENED = IDENTITY + "account.reopened.v1";
    public static final String NEWSLETTER_CONSENT_CHANGED = IDENTITY + "newsletter.consent-changed.v1";

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

    public record AccountClosed(UUID accountId, Instant closedAt) {
    }

    public record AccountReopened(UUID accountId, Instant reopenedAt) {
    }

    public record NewsletterConsentChanged(UUID accountId, boolean subscribed, Instant changedAt) {
    }

    /**
     * A rejection starts the clock of the application's data: the policy's period (28 days), or a year
     * when the applicant agreed to be kept on file. A hire stops it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applicationDecided(UUID eventId, ApplicationDecided decided) {
        for (RetentionPolicy policy : policies.startedBy(APPLICATION_DECIDED)) {
            if ("REJECTED".equals(decided.decision())) {
                TemporalAmount period = decided.keepOnFileConsent() ? keepOnFile : Periods.parse(policy.period).orElseThrow();
                start(policy, decided.applicationId(), List.of(), List.of(decided.applicationId()), decided.decidedAt(),
                        period, eventId);
            } else {
                stop(policy.category, decided.applicationId(), "the application was " + decided.decision());
            }
        }
    }

    /** Closing an account starts the clocks of its categories: they go when the grace period (30 days) is over. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void accountClosed(UUID eventId, AccountClosed closed) {
        for (RetentionPolicy policy : policies.startedBy(ACCOUNT_CLOSED)) {
            start(policy, closed.accountId(), List.of(closed.accountId()), List.of(), closed.closedAt(),
                    Periods.parse(policy.period).orElseThrow(), eventId);
        }
    }

    /** An account re-opened within its grace period keeps its data: the clocks closing started stop. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void accountReopened(AccountReopened reopened) {
        for (RetentionPolicy policy : policies.startedBy(ACCOUNT_CLOSED)) {
            stop(policy.category, reopened.accountId(), "the account was re-opened");
        }
    }

    /**
     * A withdrawn newsletter consent starts the clock of its proof (two years); subscribing again stops
     * it, since the proof of a consent in force is kept while it is.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void newsletterConsentChanged(UUID eventId, NewsletterConsentChanged changed) {
        for (RetentionPolicy policy : policies.startedBy(NEWSLETTER_CONSENT_CHANGED)) {
            if (changed.subscribed()) {
                stop(policy.category, changed.accountId(), "the person subscribed again");
            } else {
                start(policy, changed.accountId(), List.of(changed.accountId()), List.of(), changed.changedAt(),
                        Periods.parse(policy.period).orElseThrow(), eventId);
            }
        }
    }

    /**
     * Starts the subject's clock of the policy's category, due {@code period} after {@code startedAt};
     * a clock that exists runs again from the new start (moved, stopped, purged or with a purge on its
     * way - whose receipt then no longer ends it). The same event again changes nothing.
     */
    private void start(RetentionPolicy policy, UUID subjectId, List<UUID> accountIds, List<UUID> applicationIds,
                       Instant startedAt, TemporalAmount period, UUID eventId) {
        Instant due = startedAt.atZone(ZoneOffset.UTC).plus(period).toInstant();
        RetentionClock clock = clocks.locked(policy.category, subjectId).orElse(null);
        if (clock == null) {
            clock = new RetentionClock();
            clock.id = UUID.randomUUID();
            clock.category = policy.category;
            clock.subjectId = subjectId;
            clock.applicationIds = applicationIds;
            clock.accountIds = accountIds;
            clock.service = policy.services.get(0);
            clock.startedAt = startedAt;
            clock.dueAt = due;
            clock.startedBy = eventId;
            clock.state = RetentionClock.State.RUNNING;
            clocks.persist(clock);
            LOG.infof("Clock %s of %s started, due %s", clock.id, clock.category, due);
        } else if (!eventId.equals(clock.startedBy)) {
            clock.startedAt = startedAt;
            clock.dueAt = due;
            clock.startedBy = eventId;
            clock.state = RetentionClock.State.RUNNING;
            clock.commandId = null;
            LOG.infof("Clock %s of %s runs again, due %s", clock.id, clock.category, due);
        }
    }

    /** Stops a running clock, or one whose purge is on its way (the participant checks again before it removes anything). */
    private void stop(String category, UUID subjectId, String why) {
        clocks.locked(category, subjectId).filter(clock -> clock.state == RetentionClock.State.RUNNING
                || clock.state == RetentionClock.State.PURGE_SENT).ifPresent(clock -> {
            clock.state = RetentionClock.State.STOPPED;
            clock.commandId = null;
            LOG.infof("Clock %s of %s stopped: %s", clock.id, clock.category, why);
        });
    }
}
