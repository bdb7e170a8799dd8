package io.cloudpro.platform.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.common.errors.RetriableException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
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
 * about the same subject, so a failed send is never overtaken. While the broker is away, events wait
 * in the outbox and the relay retries with growing pauses; nothing is dropped. A crash after sending
 * but before marking means the event is sent again: delivery is at least once, and consumers
 * deduplicate.
 * <p>
 * A pass reads a batch in one short transaction, sends it with no transaction open and no pool
 * connection held, and records the outcome in a second short transaction. Several replicas may run:
 * a lease row lets one relay work at a time (which keeps the per-subject order); another replica
 * takes over when the lease runs out.
 * <p>
 * An event the broker keeps refusing (too large, topic missing, not authorised) is parked after
 * {@code cloudpro.events.relay.park-after} failed attempts: it stops holding up the relay, its
 * subject's later events wait behind it, and an operator sends it again or drops it at
 * {@code /api/v1/operations/outbox}. Attempts while the broker is unreachable do not count.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final String LEASE = "event-relay";

    private final OutboxRepository outbox;
    private final EventSender sender;
    private final EventsConfig config;
    private final KafkaReachability broker;
    private final Counter published;
    private final Counter failures;
    private final Counter parked;
    private final Semaphore wakeUps = new Semaphore(0);
    /**
     * Who holds the lease: this host and HTTP port. Only one live process can listen there, and a
     * process restarted after a crash takes its own lease back at once instead of waiting for it to
     * run out (events would stall for the whole lease).
     */
    private final String holder;

    private volatile boolean running;
    private Thread worker;

    OutboxRelay(OutboxRepository outbox, EventSender sender, EventsConfig config, KafkaReachability broker,
                MeterRegistry meters, @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080") int httpPort) {
        this.holder = "relay-" + hostName() + ":" + httpPort;
        this.outbox = outbox;
        this.sender = sender;
        this.config = config;
        this.broker = broker;
        this.published = meters.counter("cloudpro.outbox.published");
        this.failures = meters.counter("cloudpro.outbox.send.failures");
        this.parked = meters.counter("cloudpro.outbox.parked.events");
    }

    private static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME"); // the pod's name on Kubernetes
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
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

    /** Stops the background relay after its current pass and hands the lease back. Pending events stay in the outbox. */
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
        try {
            QuarkusTransaction.requiringNew().run(() -> outbox.releaseLease(LEASE, holder));
        } catch (RuntimeException e) {
            // the lease runs out by itself
        }
    }

    /** Asks the relay to look at the outbox now instead of at its next poll. */
    public void wakeUp() {
        wakeUps.release();
    }

    private void loop() {
        Duration pause = config.relay().pollInterval();
        while (running) {
            try {
                PassResult result = relayBatch();
                if (result.brokerAway()) {
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
     * One pass: sends a batch of pending events and records what became of each. Public so that
     * tests and tools can drive the relay without its thread.
     */
    public PassResult relayBatch() {
        Instant leaseUntil = Instant.now().plus(config.relay().lease());
        List<OutboxEvent> batch = QuarkusTransaction.requiringNew().call(() ->
                outbox.acquireLease(LEASE, holder, leaseUntil) ? outbox.sendable(config.relay().batchSize()) : List.of());
        if (batch.isEmpty()) {
            return new PassResult(0, 0, false);
        }
        List<Send> sends = send(batch);
        List<Long> done = new ArrayList<>();
        List<Send> failed = new ArrayList<>();
        for (Send send : sends) {
            if (Boolean.TRUE.equals(send.acknowledged)) {
                done.add(send.event.id);
            } else if (send.acknowledged != null) {
                failed.add(send);
            }
        }
        // Did the broker take anything, or say it is there? Then failures are about the events
        // themselves and count towards parking; otherwise the broker is away and nothing counts.
        boolean brokerThere = !done.isEmpty() || Boolean.TRUE.equals(broker.reachable());
        Instant now = Instant.now();
        QuarkusTransaction.requiringNew().run(() -> {
            outbox.markPublished(done, now);
            for (Send send : failed) {
                boolean counted = brokerThere || send.permanent();
                outbox.recordFailure(send.event.id, truncate(send.error(), 1000), counted, config.relay().parkAfter(), now);
                if (counted && send.event.attempts + 1 >= config.relay().parkAfter()) {
                    parked.increment();
                    LOG.errorf("Outbox event %d (%s to %s) parked after %d failed attempts: %s. Its subject's later"
                                    + " events wait behind it; retry or drop it at /api/v1/operations/outbox.",
                            send.event.id, send.event.type, send.event.topic, send.event.attempts + 1, send.error());
                }
            }
        });
        published.increment(done.size());
        if (!failed.isEmpty()) {
            failures.increment();
            Send first = failed.get(0);
            LOG.warnf("Kafka did not take outbox event %d (attempt %d): %s; %d events stay pending",
                    first.event.id, first.event.attempts + 1, first.error(), batch.size() - done.size());
        }
        return new PassResult(done.size(), failed.size(), !failed.isEmpty() && !brokerThere);
    }

    /**
     * Hands the batch to the sender. Events of different subjects go out together; an event waits
     * for its subject's previous one. The whole pass ends by the send timeout, and once a send fails
     * because the broker cannot be reached no further sends are started: a dead broker costs one
     * timeout per pass, not one per event.
     */
    private List<Send> send(List<OutboxEvent> batch) {
        Instant deadline = Instant.now().plus(config.relay().sendTimeout());
        List<Send> sends = new ArrayList<>(batch.size());
        Map<String, Send> lastPerKey = new HashMap<>();
        Set<String> blockedKeys = new HashSet<>();
        boolean brokerGone = false;
        for (OutboxEvent event : batch) {
            if (brokerGone || Instant.now().isAfter(deadline)) {
                break;
            }
            Send previous = lastPerKey.get(event.key);
            if (blockedKeys.contains(event.key) || (previous != null && !previous.await(deadline))) {
                blockedKeys.add(event.key);
                continue;
            }
            Send send = Send.start(sender, event);
            sends.add(send);
            lastPerKey.put(event.key, send);
            if (send.failedAtOnce() && !send.permanent()) {
                brokerGone = true; // e.g. no metadata within max.block.ms: the broker is not there
            }
        }
        for (Send send : sends) {
            send.await(deadline);
        }
        return sends;
    }

    /** One event handed to the sender, and what became of it. */
    private static final class Send {
        final OutboxEvent event;
        private final Future<?> ack;
        /** null: not known yet; true: acknowledged; false: failed or no answer in time. */
        Boolean acknowledged;
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

        boolean failedAtOnce() {
            return ack.isDone() && !await(Instant.now());
        }

        /** Waits for the broker's answer until the deadline; no answer in time counts as a failure. */
        boolean await(Instant deadline) {
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

        /** The broker refused this record for good (too large, not authorised, invalid topic). */
        boolean permanent() {
            Throwable cause = failure instanceof ExecutionException ? failure.getCause() : failure;
            return cause instanceof org.apache.kafka.common.KafkaException && !(cause instanceof RetriableException);
        }

        String error() {
            return failure == null ? "unknown" : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        }
    }

    private void awaitWakeUp(Duration pause) {
        try {
            if (wakeUps.tryAcquire(pause.toMillis(), TimeUnit.MILLISECONDS) && running) {
                Thread.sleep(config.relay().linger().toMillis());
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

    /**
     * What one pass did.
     *
     * @param published  events the broker acknowledged
     * @param failed     events it did not take
     * @param brokerAway whether the failures looked like a broker that is not there (the relay backs off)
     */
    public record PassResult(int published, int failed, boolean brokerAway) {
    }
}
