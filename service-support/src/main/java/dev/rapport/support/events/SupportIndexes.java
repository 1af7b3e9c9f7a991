package dev.rapport.support.events;

import dev.rapport.support.RapportProperties;
import dev.rapport.support.mongo.DeclaredIndexes;
import dev.rapport.support.mongo.IndexDeclaration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The indexes of the collections every service shares through {@code service-support}: the outbox markers and
 * leases, the processed event ids (expiring after the inbox retention: MongoDB removes them itself, the embedded
 * store relies on {@link EventInbox#purgeExpired()}), idempotency keys (expiring after a day) and erasure
 * tombstones (looked up by {@code _id} only, so nothing to declare).
 */
public final class SupportIndexes implements DeclaredIndexes {

    /** How long a MongoDB keeps an idempotency key: a client retries within minutes, never a day later. */
    public static final Duration IDEMPOTENCY_KEY_RETENTION = Duration.ofHours(24);

    private final Duration processedEventsRetention;

    public SupportIndexes(RapportProperties properties) {
        this(properties.inbox().retention());
    }

    SupportIndexes(Duration processedEventsRetention) {
        this.processedEventsRetention = processedEventsRetention;
    }

    /** The declarations with default retentions (what the tests check queries against). */
    public static List<IndexDeclaration> defaults() {
        return new SupportIndexes(new RapportProperties.Inbox(null).retention()).indexes();
    }

    @Override
    public List<IndexDeclaration> indexes() {
        List<IndexDeclaration> all = new ArrayList<>(OutboxMarkers.declareIndexes());
        all.add(IndexDeclaration.of(EventInbox.COLLECTION, "processed_events_ttl", "processedAt")
                .expiringAfter(processedEventsRetention));
        all.add(IndexDeclaration.of("idempotency_keys", "idempotency_keys_ttl", "createdAt")
                .expiringAfter(IDEMPOTENCY_KEY_RETENTION));
        return List.copyOf(all);
    }
}
