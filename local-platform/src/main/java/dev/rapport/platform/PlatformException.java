package dev.rapport.platform;

/** A failure of the local platform whose message is meant for the person who ran it. */
public class PlatformException extends RuntimeException {

    public PlatformException(String message) {
        super(message);
    }

    public PlatformException(String message, Throwable cause) {
        super(message, cause);
    }
}
