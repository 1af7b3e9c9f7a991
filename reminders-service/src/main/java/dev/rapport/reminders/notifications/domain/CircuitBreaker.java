package dev.rapport.reminders.notifications.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * Stops calling a member's webhook that keeps failing: after {@code threshold} consecutive failed
 * attempts the circuit opens for {@code openFor}; then one trial attempt is let through (half-open),
 * which closes the circuit on success or opens it again on failure. The state is kept with the member's
 * settings, so every instance of the service sees the same circuit.
 */
public record CircuitBreaker(int threshold, Duration openFor) {

    /** The circuit of one endpoint: failures in a row, and until when it stays open (null when closed). */
    public record State(int consecutiveFailures, Instant openUntil) {
        public static final State CLOSED = new State(0, null);
    }

    /** Whether an attempt may be made at {@code now}. */
    public boolean allows(State state, Instant now) {
        return state.openUntil() == null || !now.isBefore(state.openUntil());
    }

    /** The state after a successful attempt. */
    public State onSuccess() {
        return State.CLOSED;
    }

    /** The state after a failed attempt at {@code now}. */
    public State onFailure(State state, Instant now) {
        int failures = state.consecutiveFailures() + 1;
        return new State(failures, failures >= threshold ? now.plus(openFor) : null);
    }
}
