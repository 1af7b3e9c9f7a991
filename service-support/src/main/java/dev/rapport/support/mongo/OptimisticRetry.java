package dev.rapport.support.mongo;

import java.util.function.Supplier;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * The optimistic-retry loop: a read-change-write that lost to a concurrent write (its version was stale)
 * is run again from its read, up to a number of attempts; the last failure is thrown.
 */
public final class OptimisticRetry {

    private OptimisticRetry() {}

    /** Runs {@code attempt} until it does not fail on a concurrent change, at most {@code attempts} times. */
    public static <T> T retry(int attempts, Supplier<T> attempt) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
        }
        for (int tried = 1; ; tried++) {
            try {
                return attempt.get();
            } catch (OptimisticLockingFailureException e) {
                if (tried >= attempts) {
                    throw e;
                }
            }
        }
    }

    /** {@link #retry(int, Supplier)} for an attempt without a result. */
    public static void retry(int attempts, Runnable attempt) {
        retry(attempts, () -> {
            attempt.run();
            return null;
        });
    }
}
