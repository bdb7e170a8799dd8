package io.cloudpro.platform.client;

/** A call to another service of the platform failed; the caller retries later. No personal data in the message. */
public class ServiceCallException extends RuntimeException {

    public ServiceCallException(String message) {
        super(message);
    }

    public ServiceCallException(String message, Throwable cause) {
        super(message, cause);
    }
}
