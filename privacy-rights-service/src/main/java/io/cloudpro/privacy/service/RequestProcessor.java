package io.cloudpro.privacy.service;

import io.cloudpro.platform.client.ServiceCallException;
import io.cloudpro.platform.time.Timestamps;
import io.cloudpro.platform.privacy.PrivacyCorrections;
import io.cloudpro.privacy.client.CorrectionsDelivery;
import io.cloudpro.privacy.client.ExportFetcher;
import io.cloudpro.privacy.client.SubjectDirectory;
import io.cloudpro.privacy.config.PrivacyRightsConfig;
import io.cloudpro.privacy.domain.Deadlines;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Moves every open request on, in rounds: looks up whom new requests are about, resends commands to
 * silent participants, picks up exports, completes what is answered, lifts announced restrictions,
 * reminds the officer of overdue requests, cleans up what expired. A round runs on a schedule and
 * as soon as something happened (a request filed, an answer in); rounds never overlap. Every step
 * is safe to repeat, and another replica doing the same step finds it done.
 */
@ApplicationScoped
public class RequestProcessor {

    private static final Logger LOG = Logger.getLogger(RequestProcessor.class);
    private static final int BATCH = 50;

    private final RequestProgress progress;
    private final Dispatcher dispatcher;
    private final OfficerDecisions decisions;
    private final AccessPackages packages;
    private final Verifications verifications;
    private final Statements statements;
    private final SubjectDirectory directory;
    private final ExportFetcher fetcher;
    private final CorrectionsDelivery delivery;
    private final PrivacyCorrections ownCorrections;
    private final CatalogueRegistry registry;
    private final String ownName;
    private final ManagedExecutor executor;
    private final Duration housekeepingInterval;
    private final ReentrantLock running = new ReentrantLock();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile Instant lastHousekeeping = Instant.EPOCH;

    RequestProcessor(RequestProgress progress, Dispatcher dispatcher, OfficerDecisions decisions, AccessPackages packages,
                     Verifications verifications, Statements statements, SubjectDirectory directory,
                     ExportFetcher fetcher, CorrectionsDelivery delivery, PrivacyCorrections ownCorrections,
                     CatalogueRegistry registry, ManagedExecutor executor, PrivacyRightsConfig config,
                     @ConfigProperty(name = "quarkus.application.name") String ownName) {
        this.progress = progress;
        this.dispatcher = dispatcher;
        this.decisions = decisions;
        this.packages = packages;
        this.verifications = verifications;
        this.statements = statements;
        this.directory = directory;
        this.fetcher = fetcher;
        this.delivery = delivery;
        this.ownCorrections = ownCorrections;
        this.registry = registry;
        this.ownName = ownName;
        this.executor = executor;
        this.housekeepingInterval = config.requests().housekeepingInterval();
    }

    @Scheduled(every = "${privacy.requests.process-interval}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        process();
    }

    /** Something happened: a round starts at once (on another thread), after the transaction committed. */
    void onWakeUp(@Observes(during = TransactionPhase.AFTER_SUCCESS) RequestWakeUp.WakeUp wakeUp) {
        executor.execute(this::process);
    }

    /** One round, or - when a round is running - one more right after it. */
    public void process() {
        if (!running.tryLock()) {
            again.set(true);
            return;
        }
        try {
            do {
                again.set(false);
                round();
            } while (again.get());
        } catch (RuntimeException e) {
            LOG.errorf("A round of request processing failed (%s); the next round tries again", e.getClass().getName());
        } finally {
            running.unlock();
        }
    }

    private void round() {
        lookUpSubjects();
        deliverCorrections();
        dispatcher.retrySilent(BATCH);
        fetchExports();
        for (UUID requestId : progress.allAnswered(BATCH)) {
            progress.finish(requestId);
        }
        for (UUID requestId : progress.restrictionsToLift(BATCH)) {
            decisions.liftNow(requestId);
        }
        Instant now = Timestamps.now();
        if (Duration.between(lastHousekeeping, now).compareTo(housekeepingInterval) >= 0) {
            lastHousekeeping = now;
            progress.remindOverdue(Deadlines.today(now));
            packages.deleteExpired();
            verifications.deleteExpired();
        }
        statements.refreshIfSettled();
    }

    private void lookUpSubjects() {
        for (RequestProgress.LookupTask task : progress.awaitingLookup(BATCH)) {
            SubjectDirectory.Found found;
            try {
                found = task.loginId() != null ? directory.byLogin(task.loginId()) : directory.byEmail(task.email());
            } catch (ServiceCallException e) {
                LOG.warnf("Request %s waits: identity-service did not answer the subject lookup (%s)", task.requestId(),
                        e.getMessage());
                return;
            }
            progress.lookedUp(task.requestId(), found);
        }
    }

    private void deliverCorrections() {
        for (RequestProgress.DeliveryTask task : progress.correctionsToDeliver(BATCH)) {
            try {
                if (task.service().equals(ownName)) {
                    ownCorrections.deliver(task.commandId(), task.corrections(), Timestamps.now());
                } else {
                    String baseUrl = registry.of(task.service()).map(io.cloudpro.platform.privacy.Catalogue::baseUrl)
                            .orElseThrow(() -> new ServiceCallException("no address known for " + task.service()));
                    delivery.deliver(baseUrl, task.commandId(), task.corrections());
                }
            } catch (ServiceCallException e) {
                LOG.warnf("Corrections for %s wait to be delivered (%s)", task.service(), e.getMessage());
                continue;
            }
            progress.delivered(task);
        }
    }

    private void fetchExports() {
        for (RequestProgress.ExportTask task : progress.exportsToFetch(BATCH)) {
            Optional<String> export;
            try {
                export = fetcher.fetch(task.url());
            } catch (ServiceCallException e) {
                LOG.warnf("An export of %s waits to be fetched (%s)", task.service(), e.getMessage());
                continue;
            }
            if (export.isPresent()) {
                progress.exportFetched(task, export.get());
                fetcher.release(task.url());
            } else {
                progress.exportLost(task);
            }
        }
    }
}
