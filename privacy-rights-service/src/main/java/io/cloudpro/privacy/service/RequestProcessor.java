package io.cloudpro.privacy.service;

import io.cloudpro.platform.client.ServiceCallException;
import io.cloudpro.platform.privacy.PrivacyCorrections;
import io.cloudpro.platform.time.Timestamps;
import io.cloudpro.privacy.client.CorrectionsDelivery;
import io.cloudpro.privacy.client.ExportFetcher;
import io.cloudpro.privacy.client.SubjectDirectory;
import io.cloudpro.privacy.config.PrivacyRightsConfig;
import io.cloudpro.privacy.domain.Deadlines;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
    /** Subject lookups in flight at once: a burst of requests reaches the participants without queueing behind one another. */
    private static final int PARALLEL_LOOKUPS = 4;

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
    /** Runs the rounds a wake-up asks for; it carries no context over from the thread that woke it. */
    private final ExecutorService wakeUps = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "privacy-request-wake-up");
        thread.setDaemon(true);
        return thread;
    });
    /** Looks up subjects, each lookup followed by its own transaction that dispatches the request. */
    private final ExecutorService lookups = Executors.newFixedThreadPool(PARALLEL_LOOKUPS, task -> {
        Thread thread = new Thread(task, "privacy-subject-lookup");
        thread.setDaemon(true);
        return thread;
    });
    private final PortalSessions portalSessions;
    private final Duration housekeepingInterval;
    private final ReentrantLock running = new ReentrantLock();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile Instant lastHousekeeping = Instant.EPOCH;

    RequestProcessor(RequestProgress progress, Dispatcher dispatcher, OfficerDecisions decisions, AccessPackages packages,
                     Verifications verifications, PortalSessions portalSessions, Statements statements, SubjectDirectory directory,
                     ExportFetcher fetcher, CorrectionsDelivery delivery, PrivacyCorrections ownCorrections,
                     CatalogueRegistry registry, PrivacyRightsConfig config,
                     @ConfigProperty(name = "quarkus.application.name") String ownName) {
        this.progress = progress;
        this.dispatcher = dispatcher;
        this.decisions = decisions;
        this.packages = packages;
        this.verifications = verifications;
        this.portalSessions = portalSessions;
        this.statements = statements;
        this.directory = directory;
        this.fetcher = fetcher;
        this.delivery = delivery;
        this.ownCorrections = ownCorrections;
        this.registry = registry;
        this.ownName = ownName;
        this.housekeepingInterval = config.requests().housekeepingInterval();
    }

    @Scheduled(every = "${privacy.requests.process-interval}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        process();
    }

    /**
     * Something happened: a round starts at once (on another thread), after the transaction
     * committed. The thread gets a request context of its own: one carried over from the HTTP
     * request that filed would be that request's, already ended, and its reads would miss what was
     * just committed.
     */
    void onWakeUp(@Observes(during = TransactionPhase.AFTER_SUCCESS) RequestWakeUp.WakeUp wakeUp) {
        wakeUps.execute(() -> inOwnRequestContext(this::process));
    }

    private static void inOwnRequestContext(Runnable work) {
        ManagedContext requestContext = Arc.container().requestContext();
        requestContext.activate();
        try {
            work.run();
        } finally {
            requestContext.terminate();
        }
    }

    @PreDestroy
    void stop() {
        wakeUps.shutdownNow();
        lookups.shutdownNow();
    }

    /**
     * One round, and another as long as something happened meanwhile. A caller that finds a round
     * running leaves a note the running one picks up - also when it was just finishing, so no
     * wake-up is lost.
     */
    public void process() {
        again.set(true);
        while (again.get() && running.tryLock()) {
            try {
                while (again.getAndSet(false)) {
                    round();
                }
            } catch (RuntimeException e) {
                LOG.errorf("A round of request processing failed (%s); the next round tries again", e.getClass().getName());
            } finally {
                running.unlock();
            }
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
            portalSessions.removeEnded();
        }
        statements.refreshIfSettled();
    }

    /**
     * Asks identity-service whom each new request is about, a few at a time, and dispatches each
     * request as soon as its answer is in. When identity-service does not answer, the rest of the
     * round's lookups are skipped: they wait for the next round.
     */
    private void lookUpSubjects() {
        AtomicBoolean identityAway = new AtomicBoolean();
        List<Future<?>> running = new ArrayList<>();
        for (RequestProgress.LookupTask task : progress.awaitingLookup(BATCH)) {
            running.add(lookups.submit(() -> inOwnRequestContext(() -> lookUp(task, identityAway))));
        }
        for (Future<?> lookup : running) {
            try {
                lookup.get();
            } catch (ExecutionException e) {
                LOG.errorf("A subject lookup failed (%s); the next round tries again", e.getCause().getClass().getName());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void lookUp(RequestProgress.LookupTask task, AtomicBoolean identityAway) {
        if (identityAway.get()) {
            return;
        }
        SubjectDirectory.Found found;
        try {
            found = task.loginId() != null ? directory.byLogin(task.loginId()) : directory.byEmail(task.email());
        } catch (ServiceCallException e) {
            if (!identityAway.getAndSet(true)) {
                LOG.warnf("Request %s waits: identity-service did not answer the subject lookup (%s)", task.requestId(),
                        e.getMessage());
            }
            return;
        }
        progress.lookedUp(task.requestId(), found);
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
