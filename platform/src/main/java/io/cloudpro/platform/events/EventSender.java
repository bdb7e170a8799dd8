package io.cloudpro.platform.events;

import java.util.concurrent.Future;

/** Sends one outbox event to the broker; the future completes when the broker acknowledged it. */
public interface EventSender {

    Future<?> send(OutboxEvent event);
}
