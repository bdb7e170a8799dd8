package io.cloudpro.platform.testapp;

import io.cloudpro.platform.events.EventSender;
import io.cloudpro.platform.events.KafkaEventSender;
import io.cloudpro.platform.events.OutboxEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real Kafka sender, except that it can be told to lose the next acknowledgements: the broker
 * stores the record, but the relay never learns it - what a crash or a network cut right after the
 * send looks like to the outbox.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class FlakyAckSender implements EventSender {

    private final KafkaEventSender kafka;
    private final AtomicInteger acksToLose = new AtomicInteger();

    FlakyAckSender(KafkaEventSender kafka) {
        this.kafka = kafka;
    }

    public void loseNextAcks(int count) {
        acksToLose.set(count);
    }

    @Override
    public Future<?> send(OutboxEvent event) {
        Future<?> sent = kafka.send(event);
        if (acksToLose.getAndUpdate(n -> Math.max(0, n - 1)) == 0) {
            return sent;
        }
        return CompletableFuture.runAsync(() -> {
            try {
                sent.get(); // the record is on the broker ...
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            throw new IllegalStateException("connection lost before the acknowledgement arrived"); // ... but we never hear of it
        });
    }
}
