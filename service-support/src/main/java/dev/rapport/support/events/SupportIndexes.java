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
 * store relies on {@link EventInbox#purgeExpired()}), idempotency keys (at the expiry each carries) and erasure
 * tombstones (looked up by {@code _id} only, so nothing to declare).
 */
public final class SupportIndexes implements DeclaredIndexes {

    private final Duration processedEventsRetention;

    public SupportIndexes(RapportProperties properties) {
        this(properties.inbox().retention());
    }

    SupportIndexes(Duration processedEventsRetention) {
        this.processedEventsRetention = processedEventsRetention;
    }

    /** The declarations with default retentions (what the tests check queries against). */
    public static List<IndexDeclaration> defaults() {
        return new SupportIndexes(new RapportProperties.Inbox(null, null).retention()).indexes();
    }

    @Override
    public List<IndexDeclaration> indexes() {
        List<IndexDeclaration> all = new ArrayList<>(OutboxMarkers.declareIndexes());
        all.add(IndexDeclaration.of(EventInbox.COLLECTION, "processed_events_ttl", "processedAt")
                .expiringAfter(processedEventsRetention));
        // Each key carries its own expiry (rapport.idempotency.ttl): MongoDB deletes it then; the embedded store,
        // which has no TTL, relies on IdempotentRequests' purge.
        all.add(IndexDeclaration.of("idempotency_keys", "idempotency_keys_ttl", "expiresAt")
                .expiringAfter(Duration.ZERO));
        // Operators' decisions on dead letters, read per dead-letter topic (DeadLetters).
        all.add(IndexDeclaration.of("dead_letter_decisions", "dead_letter_decisions_topic", "topic"));
        return List.copyOf(all);
    }
}
