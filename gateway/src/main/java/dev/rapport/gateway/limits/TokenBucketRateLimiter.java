package dev.rapport.gateway.limits;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * An in-memory token bucket per key: {@code ratePerSecond} tokens a second up to {@code burst}; each request takes
 * one.
 *
 * <p>Limits are per gateway instance; with several replicas a member gets up to that many times the rate, which is
 * acceptable for protecting the services from one runaway client. Buckets that have refilled completely carry no
 * information and are dropped periodically, so memory follows the members active in the last few seconds.
 */
public final class TokenBucketRateLimiter {

    /** Whether a request may go on and, when not, how long until it could. */
    public record Decision(boolean allowed, Duration retryAfter) {

        /** A request that may go on. */
        public static final Decision ALLOWED = new Decision(true, Duration.ZERO);

        /** {@code Retry-After} in whole seconds, never 0 (which would invite an immediate retry). */
        public long retryAfterSeconds() {
            return Math.max(1, (retryAfter.toNanos() + 999_999_999L) / 1_000_000_000L);
        }
    }

    private final double tokensPerNano;
    private final double burst;
    private final LongSupplier nanoTime;
    private final long sweepIntervalNanos;
    private final AtomicLong nextSweep;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public TokenBucketRateLimiter(double ratePerSecond, int burst, LongSupplier nanoTime) {
        if (ratePerSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("rate must be positive and burst at least 1");
        }
        this.tokensPerNano = ratePerSecond / 1_000_000_000d;
        this.burst = burst;
        this.nanoTime = nanoTime;
        // A bucket idle this long is full again, the same as no bucket at all.
        this.sweepIntervalNanos = Math.max(1_000_000_000L, (long) Math.ceil(burst / tokensPerNano));
        this.nextSweep = new AtomicLong(nanoTime.getAsLong() + sweepIntervalNanos);
    }

    /** Takes a token from the key's bucket if there is one. */
    public Decision tryAcquire(String key) {
        long now = nanoTime.getAsLong();
        sweepIfDue(now);
        Decision[] decision = new Decision[1];
        buckets.compute(key, (k, bucket) -> {
            Bucket current = bucket != null ? bucket : new Bucket(burst, now);
            decision[0] = current.take(now);
            return current;
        });
        return decision[0];
    }

    /** How many keys currently hold a bucket. */
    public int trackedKeys() {
        return buckets.size();
    }

    private void sweepIfDue(long now) {
        long due = nextSweep.get();
        if (now - due < 0 || !nextSweep.compareAndSet(due, now + sweepIntervalNanos)) {
            return;
        }
        // computeIfPresent keeps the check and the removal atomic with a concurrent take on the same key.
        for (String key : buckets.keySet()) {
            buckets.computeIfPresent(key, (k, bucket) -> bucket.isFullAt(now) ? null : bucket);
        }
    }

    /** Mutated only inside the map's per-key compute functions, which serialize access. */
    private final class Bucket {

        private double tokens;
        private long updatedAt;

        Bucket(double tokens, long updatedAt) {
            this.tokens = tokens;
            this.updatedAt = updatedAt;
        }

        Decision take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return Decision.ALLOWED;
            }
            long wait = (long) Math.ceil((1 - tokens) / tokensPerNano);
            return new Decision(false, Duration.ofNanos(wait));
        }

        boolean isFullAt(long now) {
            refill(now);
            return tokens >= burst;
        }

        private void refill(long now) {
            long elapsed = now - updatedAt;
            if (elapsed > 0) {
                tokens = Math.min(burst, tokens + elapsed * tokensPerNano);
                updatedAt = now;
            }
        }
    }
}
