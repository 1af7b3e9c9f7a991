package dev.rapport.platform.harness;

/** A step of a harness run (benchmark or fault suite) could not be done; the message says why. */
public class HarnessException extends RuntimeException {

    public HarnessException(String message) {
        super(message);
    }

    public HarnessException(String message, Throwable cause) {
        super(message, cause);
    }
}
