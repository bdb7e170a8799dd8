package io.cloudpro.retention.service;

import io.cloudpro.platform.paging.Page;
import io.cloudpro.platform.privacy.PrivacyCommand;
import io.cloudpro.platform.privacy.PrivacyResult;
import io.cloudpro.platform.time.Timestamps;
import io.cloudpro.retention.domain.PurgeReceipt;
import io.cloudpro.retention.domain.PurgeRun;
import io.cloudpro.retention.domain.RetentionClock;
import io.cloudpro.retention.repository.ClockRepository;
import io.cloudpro.retention.repository.PurgeRepository;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Objects;

/** The receipts participants send for purges: kept 5 years, without personal data. */
@ApplicationScoped
public class Receipts {

    private static final Logger LOG = Logger.getLogger(Receipts.class);

    private final PurgeRepository purges;
    private final ClockRepository clocks;
    private final RetentionTime time;
    private final Duration retryAfter;
    private final int keepYears;

    Receipts(PurgeRepository purges, ClockRepository clocks, RetentionTime time,
             @ConfigProperty(name = "retention.purge.retry-after") Duration retryAfter,
             @ConfigProperty(name = "retention.receipts.keep-years") int keepYears) {
        this.purges = purges;
        this.clocks = clocks;
        this.time = time;
        this.retryAfter = retryAfter;
        this.keepYears = keepYears;
    }

    /** A result on privacy.results: a receipt when it answers one of our purges; anything else is not ours. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(PrivacyResult result) {
        if (result.kind() != PrivacyCommand.Kind.PURGE) {
            return;
        }
        PurgeRun run = purges.locked(result.commandId()).orElse(null);
        if (run == null || run.completedAt != null) {
            return; // another sender's purge, or a receipt that came twice
        }
        PrivacyResult.CategoryOutcome outcome = result.categories().isEmpty() ? null : result.categories().get(0);
        PurgeReceipt receipt = new PurgeReceipt();
        receipt.commandId = run.commandId;
        receipt.category = run.category;
        receipt.service = result.service();
        receipt.outcome = outcome == null ? "NONE" : outcome.outcome().name();
        receipt.purged = outcome == null ? 0 : outcome.count();
        receipt.holdReferences = result.withheld().stream().map(PrivacyResult.Withheld::holdReference)
                .filter(Objects::nonNull).distinct().toList();
        receipt.cutoff = result.cutoff();
        receipt.completedAt = result.completedAt();
        receipt.keepUntil = result.completedAt().atZone(ZoneOffset.UTC).plusYears(keepYears).toInstant();
        purges.addReceipt(receipt);
        run.completedAt = result.completedAt();
        run.nextAttemptAt = null;
        // a clock stopped or started again while this purge was on its way is no longer this purge's
        clocks.byCommand(run.commandId).filter(clock -> clock.state == RetentionClock.State.PURGE_SENT).ifPresent(clock -> {
            if ("WITHHELD".equals(receipt.outcome)) {
                // a hold kept it: the clock runs on and tries again, so lifting the hold lets the purge through
                clock.state = RetentionClock.State.RUNNING;
                clock.dueAt = time.now().plus(retryAfter);
                clock.commandId = null;
            } else {
                clock.state = RetentionClock.State.PURGED;
            }
        });
        LOG.infof("Receipt for purge %s: %s %s %d records of %s", run.commandId, receipt.service, receipt.outcome,
                receipt.purged, run.category);
    }

    @Transactional
    public Page<PurgeReceipt> list(String category, int page, int size) {
        return new Page<>(purges.receipts(category, page, size), page, size, purges.countReceipts(category));
    }

    @Scheduled(every = "1h", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void forgetOldReceipts() {
        purges.deleteReceiptsBefore(Timestamps.now());
    }
}
