package io.cloudpro.platform.events;

import io.cloudpro.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;

/** What operators may see and do with a service's outbox. */
@ApplicationScoped
public class OutboxOperations {

    private static final Logger LOG = Logger.getLogger(OutboxOperations.class);

    private final OutboxRepository outbox;
    private final KafkaReachability broker;
    private final OutboxRelay relay;

    OutboxOperations(OutboxRepository outbox, KafkaReachability broker, OutboxRelay relay) {
        this.outbox = outbox;
        this.broker = broker;
        this.relay = relay;
    }

    /** The outbox at a glance. */
    public record Status(OutboxRepository.Backlog backlog, Boolean brokerReachable, Instant brokerCheckedAt,
                         List<OutboxRepository.Parked> parked) {
    }

    @Transactional
    public Status status() {
        return new Status(outbox.backlog(), broker.reachable(), broker.checkedAt(), outbox.parked());
    }

    /** Puts a parked event back in the queue with a fresh count of attempts. */
    @Transactional
    public void retry(long id, String operator) {
        OutboxEvent event = parked(id);
        event.parkedAt = null;
        event.attempts = 0;
        LOG.infof("Parked outbox event %d (%s) sent again on request of %s", id, event.type, operator);
        relay.wakeUp();
    }

    /** Gives up on a parked event for good, so that its subject's later events go out. */
    @Transactional
    public void drop(long id, String operator) {
        OutboxEvent event = parked(id);
        outbox.delete(event);
        LOG.warnf("Parked outbox event %d (%s, id %s) dropped on request of %s; it will never be published",
                id, event.type, event.eventId, operator);
        relay.wakeUp();
    }

    private OutboxEvent parked(long id) {
        OutboxEvent event = outbox.find(id);
        if (event == null || event.parkedAt == null || event.publishedAt != null) {
            throw ProblemException.notFound("Parked event");
        }
        return event;
    }
}
