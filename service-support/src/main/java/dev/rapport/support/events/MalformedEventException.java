package dev.rapport.support.events;

/**
 * A record that is not a readable Rapport CloudEvent. Like any failure it is retried a bounded
 * number of times, then lands in the consumer group's dead-letter topic and the consumer goes on.
 */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
