package dev.rapport.platform.faults;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Bounded waits on a condition: polled until it holds or its deadline passes, never a fixed sleep. */
final class Await {

    private static final Duration POLL = Duration.ofMillis(200);

    private Await() {}

    /**
     * Polls {@code condition} until it answers true; answers how long that took, or throws after {@code bound}
     * with {@code what} and the last exception the condition threw (if any).
     */
    static Duration until(String what, Duration bound, Callable<Boolean> condition) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + bound.toNanos();
        Exception last = null;
        while (true) {
            try {
                if (Boolean.TRUE.equals(condition.call())) {
                    return Duration.ofNanos(System.nanoTime() - start);
                }
                last = null;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                throw new FaultException(
                        "Not within " + bound.toSeconds() + " s: " + what
                                + (last == null ? "" : " (last error: " + last + ")"),
                        last);
            }
            Thread.sleep(POLL);
        }
    }
}
