package io.cloudpro.platform.events;

/** Every attempt to handle an event failed; the record is for the dead-letter topic. */
public class EventProcessingException extends RuntimeException {

    public EventProcessingException(String consumer, String eventId, Throwable cause) {
        super("consumer " + consumer + " could not process event " + eventId, cause);
    }
}
