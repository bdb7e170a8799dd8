package io.cloudpro.platform.events;

/** A record that can never be processed, however often it is retried. */
public class PoisonEventException extends RuntimeException {

    public PoisonEventException(String message) {
        super(message);
    }
}
