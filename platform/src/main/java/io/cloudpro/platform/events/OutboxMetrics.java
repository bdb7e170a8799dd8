package io.cloudpro.platform.events;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;

/**
 * The outbox backlog as metrics, read every few seconds: {@code cloudpro_outbox_pending},
 * {@code cloudpro_outbox_oldest_pending_age_seconds} (alert when it grows) and
 * {@code cloudpro_outbox_parked} (alert when above zero: an operator must act).
 */
@ApplicationScoped
public class OutboxMetrics {

    private final OutboxRepository outbox;
    private volatile OutboxRepository.Backlog backlog = new OutboxRepository.Backlog(0, null, null, 0, null);

    OutboxMetrics(OutboxRepository outbox, MeterRegistry meters) {
        this.outbox = outbox;
        Gauge.builder("cloudpro.outbox.pending", this, m -> m.backlog.pending())
                .description("Events waiting to be published").register(meters);
        Gauge.builder("cloudpro.outbox.oldest.pending.age.seconds", this, OutboxMetrics::oldestAgeSeconds)
                .description("Age of the oldest unpublished event").register(meters);
        Gauge.builder("cloudpro.outbox.parked", this, m -> m.backlog.parked())
                .description("Events Kafka kept refusing, waiting for an operator").register(meters);
    }

    @Scheduled(every = "${cloudpro.events.metrics-interval:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        backlog = QuarkusTransaction.requiringNew().call(outbox::backlog);
    }

    private double oldestAgeSeconds() {
        Instant oldest = backlog.oldestPendingSince();
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest, Instant.now()).toMillis() / 1000.0);
    }
}
