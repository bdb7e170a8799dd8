package io.cloudpro.platform.events;

/** A consumer's work for one event; it runs inside the transaction that records the event as processed. */
@FunctionalInterface
public interface EventHandler {

    void handle(IncomingEvent event) throws Exception;
}
