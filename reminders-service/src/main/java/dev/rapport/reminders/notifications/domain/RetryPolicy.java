package dev.rapport.reminders.notifications.domain;

import java.time.Duration;

/**
 * When to try a failed delivery again: exponential backoff ({@code initial}, doubled each attempt, at
 * most {@code max}) with up to ±{@code jitter} of randomness so that many deliveries failing together do
 * not retry together, and at most {@code maxAttempts} attempts in all.
 */
public record RetryPolicy(Duration initial, Duration max, double jitter, int maxAttempts) {

    public RetryPolicy {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max");
        }
        if (jitter < 0 || jitter >= 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("jitter must be in [0, 1) and maxAttempts at least 1");
        }
    }

    /** Whether another attempt may follow {@code attemptsMade} failed ones. */
    public boolean mayRetry(int attemptsMade) {
        return attemptsMade < maxAttempts;
    }

    /**
     * The wait after the {@code attempt}-th failure (1-based).
     *
     * @param random a number in [0, 1), which spreads the wait within the jitter
     */
    public Duration delayAfter(int attempt, double random) {
        long base = initial.toMillis();
        for (int i = 1; i < attempt && base < max.toMillis(); i++) {
            base *= 2;
        }
        base = Math.min(base, max.toMillis());
        double factor = 1 + jitter * (2 * random - 1);
        return Duration.ofMillis(Math.round(base * factor));
    }
}
