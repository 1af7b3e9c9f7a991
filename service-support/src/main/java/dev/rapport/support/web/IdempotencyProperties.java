package dev.rapport.support.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long {@code Idempotency-Key}s are kept and held ({@code rapport.idempotency.*}).
 *
 * @param ttl how long a key (and the answer kept for it) is remembered; a retry later than that runs again
 * @param lease how long a request may hold its key while running; after that a retry takes the key over (the
 *     first request is taken for crashed), so it must be longer than any request takes
 * @param purgeInterval how often expired keys are deleted (the embedded store has no TTL index)
 * @param maxStoredBody the largest response body kept for replay, in bytes; a larger answer is replayed without
 *     its body (status, {@code Location} and {@code ETag} only: the client reads the resource again)
 */
@ConfigurationProperties("rapport.idempotency")
public record IdempotencyProperties(Duration ttl, Duration lease, Duration purgeInterval, Integer maxStoredBody) {

    public IdempotencyProperties {
        ttl = ttl == null ? Duration.ofHours(24) : ttl;
        lease = lease == null ? Duration.ofMinutes(1) : lease;
        purgeInterval = purgeInterval == null ? Duration.ofMinutes(10) : purgeInterval;
        maxStoredBody = maxStoredBody == null ? 16 * 1024 : maxStoredBody;
        if (ttl.compareTo(lease) <= 0) {
            throw new IllegalStateException("rapport.idempotency.ttl must be longer than rapport.idempotency.lease");
        }
    }

    /** The defaults: 24 h, a one-minute lease, a purge every 10 minutes, bodies up to 16 KB. */
    public static IdempotencyProperties defaults() {
        return new IdempotencyProperties(null, null, null, null);
    }
}
