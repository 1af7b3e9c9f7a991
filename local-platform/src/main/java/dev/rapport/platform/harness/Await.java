package dev.rapport.platform.harness;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.pollinterval.PollInterval;

/**
 * Bounded waits on a condition (Awaitility), for the benchmarks and the fault suite: polled until it holds or its
 * deadline passes, never a fixed sleep.
 */
public final class Await {

    private static final Duration POLL = Duration.ofMillis(200);

    private Await() {}

    /** The condition did not hold within its bound; the message names it, its bound and its last error. */
    public static final class NotInTime extends HarnessException {
        NotInTime(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Polls {@code condition} every 200 ms until it answers true; answers how long that took, or throws
     * {@link NotInTime} after {@code bound} with {@code what} and the last exception the condition threw (if any).
     */
    public static Duration until(String what, Duration bound, Callable<Boolean> condition) {
        return until(what, bound, POLL, condition);
    }

    /** As {@link #until(String, Duration, Callable)}, polling every {@code poll} (for conditions costly to check). */
    public static Duration until(String what, Duration bound, Duration poll, Callable<Boolean> condition) {
        return until(what, bound, (count, previous) -> poll, condition);
    }

    /** {@link #until(String, Duration, Callable)} with its own intervals between polls (e.g. a back-off). */
    public static Duration until(String what, Duration bound, PollInterval interval, Callable<Boolean> condition) {
        long start = System.nanoTime();
        Exception[] last = {null};
        try {
            Awaitility.await(what)
                    .atMost(bound)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(interval)
                    .until(() -> {
                        try {
                            boolean holds = Boolean.TRUE.equals(condition.call());
                            last[0] = null;
                            return holds;
                        } catch (InterruptedException e) {
                            throw e;
                        } catch (Exception e) {
                            last[0] = e;
                            return false;
                        }
                    });
        } catch (ConditionTimeoutException e) {
            throw new NotInTime(
                    "Not within " + bound.toSeconds() + " s: " + what
                            + (last[0] == null ? "" : " (last error: " + last[0] + ")"),
                    last[0]);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Waits until the moment {@code deadlineNanos} of {@link System#nanoTime()} has come (an outage's end). */
    public static void untilTime(String what, long deadlineNanos) {
        long left = deadlineNanos - System.nanoTime();
        if (left > 0) {
            // First checked when the moment is due, then every few milliseconds (a steady rate needs precision).
            Awaitility.await(what)
                    .atMost(Duration.ofNanos(left).plusSeconds(5))
                    .pollDelay(Duration.ofNanos(left))
                    .pollInterval(Duration.ofMillis(5))
                    .until(() -> System.nanoTime() >= deadlineNanos);
        }
    }
}
