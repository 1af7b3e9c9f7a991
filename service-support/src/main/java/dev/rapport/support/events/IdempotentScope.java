package dev.rapport.support.events;

import java.util.function.Supplier;

/**
 * The {@code Idempotency-Key} of the request being run, for the write path: every aggregate the request creates
 * ({@link Aggregates#insert}) carries the key's seed and its rank among the request's inserts
 * ({@link OutboxDocument#getRequestKey()}), in the same single-document write as the aggregate. When a retry takes
 * over a key whose first run died (its lease ran out with the outcome unknown: the aggregate may be stored and the
 * key's answer not), each insert first looks for the aggregate the first run stored and returns it instead of
 * creating a second one, so the retry answers with what the first run made.
 */
public final class IdempotentScope {

    private static final ThreadLocal<IdempotentScope> CURRENT = new ThreadLocal<>();

    private final String seed;
    private final boolean resumed;
    private int inserts;

    private IdempotentScope(String seed, boolean resumed) {
        this.seed = seed;
        this.resumed = resumed;
    }

    /**
     * Runs {@code action} as the request of a key.
     *
     * @param seed the same for every run of one key's request (kept with the key)
     * @param resumed whether an earlier run of the same request may have written before it died
     */
    public static <T> T run(String seed, boolean resumed, Supplier<T> action) {
        IdempotentScope outer = CURRENT.get();
        CURRENT.set(new IdempotentScope(seed, resumed));
        try {
            return action.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    static IdempotentScope current() {
        return CURRENT.get();
    }

    /** The key of the request's next insert: the same insert gets the same key in every run. */
    String nextInsertKey() {
        return seed + "#" + inserts++;
    }

    boolean resumed() {
        return resumed;
    }
}
