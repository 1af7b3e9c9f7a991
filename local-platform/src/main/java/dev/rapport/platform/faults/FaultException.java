package dev.rapport.platform.faults;

import dev.rapport.platform.harness.HarnessException;

/** A fault scenario could not run to its checks (as opposed to a check that failed); the message says why. */
final class FaultException extends HarnessException {

    FaultException(String message) {
        super(message);
    }

    FaultException(String message, Throwable cause) {
        super(message, cause);
    }
}
