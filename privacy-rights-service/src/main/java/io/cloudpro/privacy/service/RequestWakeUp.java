package io.cloudpro.privacy.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

/**
 * Moves requests on as soon as something happened - a request filed, the last answer in - instead
 * of at the next scheduled round: fired after the transaction commits, so the work sees what it did.
 */
@ApplicationScoped
public class RequestWakeUp {

    /** The CDI event. */
    public record WakeUp() {
    }

    private final Event<WakeUp> event;

    RequestWakeUp(Event<WakeUp> event) {
        this.event = event;
    }

    /** Wakes the request processor once the current transaction has committed. */
    public void afterCommit() {
        event.fire(new WakeUp());
    }
}
