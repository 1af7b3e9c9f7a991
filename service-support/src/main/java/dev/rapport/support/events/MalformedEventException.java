package dev.rapport.support.events;

/**
 * A record that is not a readable Rapport CloudEvent. It is not retried: it goes straight to the
 * consumer group's dead-letter topic.
 */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
