package dev.rapport.platform.bench;

/** A scenario could not be measured; the message says why, for the report and the console. */
final class BenchException extends dev.rapport.platform.harness.HarnessException {

    BenchException(String message) {
        super(message);
    }

    BenchException(String message, Throwable cause) {
        super(message, cause);
    }
}
