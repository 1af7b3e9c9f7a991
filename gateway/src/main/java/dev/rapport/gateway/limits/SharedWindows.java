package dev.rapport.gateway.limits;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Fixed-window request counts shared by every gateway instance through the gateway's MongoDB, without a database
 * round trip on the request path.
 *
 * <p>Each instance counts locally and adds its count to the shared window document in batches (an atomic
 * {@code $inc} upsert, every {@code syncInterval}, or at once when {@link #add} is asked to), learning the total of
 * every instance from the answer. A decision uses the last known total plus what this instance has counted since.
 * The bound: within one window the instances together admit at most {@code limit} plus what the other instances
 * counted during one sync interval (plus requests in flight). If the store is unreachable, each instance goes on
 * with its own counts (fails open, logged): the local token buckets still hold.
 */
public final class SharedWindows implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SharedWindows.class);

    private final ReactiveMongoTemplate mongo;
    private final Clock clock;
    private final long windowSeconds;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final Disposable syncing;

    public SharedWindows(ReactiveMongoTemplate mongo, Clock clock, Duration window, Duration syncInterval) {
        this.mongo = mongo;
        this.clock = clock;
        this.windowSeconds = Math.max(1, window.toSeconds());
        this.syncing = Flux.interval(syncInterval)
                .onBackpressureDrop()
                .concatMap(tick -> syncAll().onErrorResume(failure -> {
                    log.warn("Cannot share rate-limit counts: {}", failure.toString());
                    return Mono.empty();
                }))
                .subscribe();
    }

    /** Whether the key's window already holds {@code limit} requests, as far as this instance knows. */
    public boolean exhausted(String key, long limit) {
        Window window = windows.get(key);
        return window != null && window.start == windowStart() && window.total() >= limit;
    }

    /**
     * Counts {@code n} requests of the key in the current window.
     *
     * @param now whether to share the count at once (rare events: failed credentials) rather than with the next
     *     batch
     */
    public Mono<Void> add(String key, long n, boolean now) {
        long start = windowStart();
        Window window = windows.compute(key, (k, current) -> {
            Window live = current != null && current.start == start ? current : new Window(start);
            synchronized (live) {
                live.pending += n;
            }
            return live;
        });
        return now ? sync(key, window) : Mono.empty();
    }

    /** Seconds until the current window ends, at least 1. */
    public long secondsLeftInWindow() {
        return Math.max(1, windowStart() + windowSeconds - clock.instant().getEpochSecond());
    }

    /** The window's length in seconds. */
    public long windowSeconds() {
        return windowSeconds;
    }

    /** The start (epoch seconds) of the window the clock is in. */
    long windowStart() {
        long epoch = clock.instant().getEpochSecond();
        return epoch - Math.floorMod(epoch, windowSeconds);
    }

    /** Shares every pending count and forgets windows that are over; deletes shared windows long over. */
    Mono<Void> syncAll() {
        long start = windowStart();
        windows.entrySet()
                .removeIf(entry ->
                        entry.getValue().start < start && entry.getValue().pendingNow() == 0);
        Mono<Void> shared = Flux.fromIterable(windows.entrySet())
                .filter(entry -> entry.getValue().pendingNow() > 0)
                .concatMap(entry -> sync(entry.getKey(), entry.getValue()))
                .then();
        // The embedded store has no TTL index: purge here (a no-op on MongoDB, where the TTL index got there first).
        Mono<Void> purged = mongo.remove(
                        Query.query(Criteria.where("expiresAt").lt(clock.instant())), RateWindowDocument.class)
                .then();
        return shared.then(start % (windowSeconds * 5) < windowSeconds ? purged : Mono.empty());
    }

    private Mono<Void> sync(String key, Window window) {
        long n;
        synchronized (window) {
            n = window.pending;
            window.pending = 0;
            window.sharing += n;
        }
        if (n == 0) {
            return Mono.empty();
        }
        String id = key + "@" + window.start;
        Instant expiresAt = Instant.ofEpochSecond(window.start + 2 * windowSeconds);
        return mongo.findAndModify(
                        Query.query(Criteria.where("_id").is(id)),
                        new Update().inc("count", n).set("expiresAt", expiresAt),
                        FindAndModifyOptions.options().upsert(true).returnNew(true),
                        RateWindowDocument.class)
                .doOnNext(shared -> {
                    synchronized (window) {
                        window.sharing -= n;
                        window.known = Math.max(window.known, shared.count());
                    }
                })
                .doOnError(failure -> {
                    synchronized (window) {
                        // Kept locally: the count still limits this instance.
                        window.sharing -= n;
                        window.known += n;
                    }
                })
                .then();
    }

    @Override
    public void close() {
        syncing.dispose();
    }

    /** One key's window as this instance knows it. */
    private static final class Window {
        final long start;
        /** The shared total at the last sync (this instance's synced counts included). */
        long known;
        /** Counted here, not yet sent. */
        long pending;
        /** Sent, not yet answered. */
        long sharing;

        Window(long start) {
            this.start = start;
        }

        synchronized long total() {
            return known + pending + sharing;
        }

        synchronized long pendingNow() {
            return pending;
        }
    }
}
