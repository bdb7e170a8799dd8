package io.cloudpro.platform.events;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * Keeps the event tables small and free of stale personal data: relayed outbox rows go after
 * {@code cloudpro.events.cleanup.keep-published}, deduplication marks after {@code keep-processed}.
 */
@ApplicationScoped
public class EventTableCleanup {

    private static final Logger LOG = Logger.getLogger(EventTableCleanup.class);

    private final EntityManager entityManager;
    private final OutboxRepository outbox;
    private final EventsConfig config;

    EventTableCleanup(EntityManager entityManager, OutboxRepository outbox, EventsConfig config) {
        this.entityManager = entityManager;
        this.outbox = outbox;
        this.config = config;
    }

    @Scheduled(every = "${cloudpro.events.cleanup.interval:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    public void removeExpiredRows() {
        Instant now = Instant.now();
        int outbox = this.outbox.deletePublishedBefore(now.minus(config.cleanup().keepPublished()));
        int processed = entityManager.createNativeQuery("DELETE FROM processed_event WHERE processed_at < ?1")
                .setParameter(1, now.minus(config.cleanup().keepProcessed()))
                .executeUpdate();
        if (outbox + processed > 0) {
            LOG.infof("Event cleanup removed %d relayed outbox rows and %d deduplication marks", outbox, processed);
        }
    }
}
