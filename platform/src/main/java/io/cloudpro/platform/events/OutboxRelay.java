package io.cloudpro.platform.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Moves committed events from the outbox to Kafka, oldest first, and marks them published only
 * after the broker acknowledged them. An event waits for the acknowledgement of the previous event
 * about the same subject, so a failed send is never overtaken. While the broker is away, events
 * wait in the outbox and the relay retries with growing pauses; nothing is dropped. A crash after
 * sending but before marking means the event is sent again: delivery is at least once, and
 * consumers deduplicate.
 * <p>
 * Several replicas of a service may run; a PostgreSQL advisory lock lets one relay work at a time,
 * which keeps the per-key order.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Arbitrary, fixed: names the "outbox relay" lock in each service's own database. */
    private static final long ADVISORY_LOCK_KEY = 0x0C10_0D_0E_7E_2L;

    private final EntityManager entityManager;
    private final EventSender sender;
    private final EventsConfig config;
    private final Counter published;
    private final Counter failures;
    private final Semaphore wakeUps = new Semaphore(0);

    private volatile boolean running;
    private Thread worker;

    OutboxRelay(EntityManager entityManager, EventSender sender, EventsConfig config, MeterRegistry meters) {
        this.entityManager = entityManager;
        this.sender = sender;
        this.config = config;
        this.published = meters.counter("cloudpro.outbox.published");
        this.failures = meters.counter("cloudpro.outbox.send.failures");
    }

    void onStart(@Observes StartupEvent event) {
        if (config.relay().enabled()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Starts the background relay; a no-op when it runs already. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        worker = new Thread(this::loop, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    /** Stops the background relay after its current batch. Pending events stay in the outbox. */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        wakeUps.release();
        try {
            worker.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        worker = null;
    }

    /** Asks the relay to look at the outbox now instead of at its next poll. */
    public void wakeUp() {
        wakeUps.release();
    }

    private void loop() {
        Duration pause = config.relay().pollInterval();
        while (running) {
            try {
                BatchResult result = relayBatch();
                if (result.failed()) {
                    pause = min(pause.multipliedBy(2), config.relay().maxBackoff());
                } else {
                    pause = config.relay().pollInterval();
                    if (result.published() == config.relay().batchSize()) {
                        continue; // more may be waiting
                    }
                }
            } catch (RuntimeException e) {
                // e.g. the database is away: try again later, the events are safe where they are
                LOG.warnf("Outbox relay pass failed (%s); retrying in %s", e.getClass().getSimpleName(), pause);
                pause = min(pause.multipliedBy(2), config.relay().maxBackoff());
            }
            awaitWakeUp(pause);
        }
    }

    /**
     * Sends one batch of pending events and marks those the broker acknowledged. Public so that
     * tests and tools can drive the relay without its thread.
     */
    public BatchResult relayBatch() {
        return QuarkusTransaction.requiringNew()
                .timeout((int) config.relay().sendTimeout().multipliedBy(2).toSeconds())
                .call(this::relayBatchInTransaction);
    }

    private BatchResult relayBatchInTransaction() {
        boolean locked = (Boolean) entityManager
                .createNativeQuery("SELECT pg_try_advisory_xact_lock(?1)")
                .setParameter(1, ADVISORY_LOCK_KEY)
                .getSingleResult();
        if (!locked) {
            return new BatchResult(0, false); // another replica's relay is at work
        }
        List<OutboxEvent> pending = entityManager
                .createQuery("FROM OutboxEvent WHERE publishedAt IS NULL ORDER BY id", OutboxEvent.class)
                .setMaxResults(config.relay().batchSize())
                .getResultList();
        if (pending.isEmpty()) {
            return new BatchResult(0, false);
        }
        // Events of different subjects go out together; an event waits for the acknowledgement of
        // the previous event of its subject, so that a failed send can never be overtaken.
        Instant deadline = Instant.now().plus(config.relay().sendTimeout());
        List<Send> sends = new ArrayList<>(pending.size());
        Map<String, Send> lastSendPerKey = new HashMap<>();
        Set<String> blockedKeys = new HashSet<>();
        for (OutboxEvent event : pending) {
            Send previous = lastSendPerKey.get(event.key);
            if (blockedKeys.contains(event.key) || (previous != null && !previous.acknowledged(deadline))) {
                blockedKeys.add(event.key);
                continue;
            }
            Send send = Send.start(sender, event);
            sends.add(send);
            lastSendPerKey.put(event.key, send);
        }
        Instant now = Instant.now();
        int done = 0;
        Send firstFailure = null;
        for (Send send : sends) {
            if (send.acknowledged(deadline)) {
                send.event.publishedAt = now;
                done++;
            } else {
                send.event.attempts++;
                send.event.lastError = truncate(send.error(), 1000);
                firstFailure = firstFailure == null ? send : firstFailure;
            }
        }
        published.increment(done);
        if (firstFailure != null) {
            failures.increment();
            LOG.warnf("Kafka did not take outbox event %d (attempt %d): %s; %d events stay pending",
                    firstFailure.event.id, firstFailure.event.attempts, firstFailure.event.lastError,
                    pending.size() - done);
        }
        return new BatchResult(done, firstFailure != null);
    }

    /** One event handed to the sender, and what became of it. */
    private static final class Send {
        final OutboxEvent event;
        private final Future<?> ack;
        private Boolean acknowledged;
        private Throwable failure;

        private Send(OutboxEvent event, Future<?> ack) {
            this.event = event;
            this.ack = ack;
        }

        static Send start(EventSender sender, OutboxEvent event) {
            try {
                return new Send(event, sender.send(event));
            } catch (RuntimeException e) {
                return new Send(event, CompletableFuture.failedFuture(e));
            }
        }

        /** Waits for the broker's answer until the deadline; no answer in time counts as a failure. */
        boolean acknowledged(Instant deadline) {
            if (acknowledged == null) {
                try {
                    ack.get(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()), TimeUnit.MILLISECONDS);
                    acknowledged = true;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure = e;
                    acknowledged = false;
                } catch (ExecutionException e) {
                    failure = e.getCause();
                    acknowledged = false;
                } catch (TimeoutException e) {
                    failure = e;
                    acknowledged = false;
                }
            }
            return acknowledged;
        }

        String error() {
            return failure == null ? "unknown" : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        }
    }

    private void awaitWakeUp(Duration pause) {
        try {
            if (wakeUps.tryAcquire(pause.toMillis(), TimeUnit.MILLISECONDS)) {
                wakeUps.drainPermits();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    /** What one pass did: how many events it published, and whether the broker refused one. */
    public record BatchResult(int published, boolean failed) {
    }
}
