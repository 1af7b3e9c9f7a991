package dev.rapport.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.support.RapportProperties;
import dev.rapport.support.events.EventPublisher;
import dev.rapport.support.events.OutboxEntry;
import dev.rapport.support.events.OutboxRelay;
import dev.rapport.testkit.RapportIntegrationTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The outbox relay on the real store: several instances racing for the same outboxes, a broker that fails, a
 * crash between any two of the writes (marker, aggregate, publish, clear, unmark, release), batches, and a bad
 * aggregate among good ones. Each test works on a collection of its own, written the way the write path writes
 * (marker first, then the aggregate with its outbox); the service's own sweep is switched off here so that only
 * the relays under test publish.
 */
@RapportIntegrationTest
@TestPropertySource(properties = "rapport.outbox.sweep-interval=PT1H")
class OutboxRelayIT {

    private static final String PENDING = "outbox_pending";
    private static final String LEASES = "outbox_leases";

    @Autowired
    MongoTemplate mongo;

    @Autowired
    RapportProperties properties;

    String collection;

    @BeforeEach
    void ownCollection() {
        collection = "relay_test_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** A publisher that records what it sends instead of sending, and can be made to fail. */
    final class RecordingPublisher extends EventPublisher {
        final Map<String, Integer> sent = new ConcurrentHashMap<>();
        final List<String> order = java.util.Collections.synchronizedList(new ArrayList<>());
        final AtomicBoolean failing = new AtomicBoolean();
        final AtomicInteger batches = new AtomicInteger();
        final Set<String> refused = ConcurrentHashMap.newKeySet();

        RecordingPublisher() {
            super(null, null, properties, Duration.ofSeconds(1));
        }

        @Override
        public Set<String> publishAll(List<OutboxEntry> entries) {
            batches.incrementAndGet();
            Set<String> acknowledged = new LinkedHashSet<>();
            if (failing.get()) {
                return acknowledged;
            }
            for (OutboxEntry entry : entries) {
                if (refused.contains(entry.eventId())) {
                    continue;
                }
                sent.merge(entry.eventId(), 1, Integer::sum);
                order.add(entry.eventId());
                acknowledged.add(entry.eventId());
            }
            return acknowledged;
        }
    }

    @Test
    void racingInstancesPublishEveryEventOnceAndClearTheOutbox() throws Exception {
        List<String> events = aggregate("a1", 40, true);
        RecordingPublisher publisher = new RecordingPublisher();
        List<OutboxRelay> instances = List.of(relay(publisher), relay(publisher), relay(publisher), relay(publisher));

        var pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            OutboxRelay instance = instances.get(i % instances.size());
            results.add(pool.submit(() -> {
                start.await();
                return instance.relay(collection, "a1");
            }));
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        int published = 0;
        for (var result : results) {
            published += result.get();
        }

        assertThat(published).isEqualTo(40);
        assertThat(publisher.sent).hasSize(40);
        assertThat(publisher.sent.values()).containsOnly(1);
        assertThat(publisher.order).containsExactlyElementsOf(events);
        assertThat(outbox("a1")).isEmpty();
        assertThat(markers(events)).isZero();
        assertThat(leases()).isZero();
    }

    @Test
    void eventsLeftBehindByAFailedSendArePublishedByTheSweep() {
        List<String> events = aggregate("a1", 2, true);
        RecordingPublisher publisher = new RecordingPublisher();
        OutboxRelay relay = relay(publisher);

        publisher.failing.set(true);
        assertThat(relay.relay(collection, "a1")).isZero();
        assertThat(outbox("a1")).hasSize(2);
        assertThat(markers(events)).isEqualTo(2);

        publisher.failing.set(false);
        relay.sweepOnce();
        assertThat(publisher.sent.keySet()).containsExactlyInAnyOrderElementsOf(events);
        assertThat(outbox("a1")).isEmpty();
        assertThat(markers(events)).isZero();
    }

    @Test
    void onlyTheAcknowledgedPrefixOfAnOutboxIsRemovedSoThatOrderIsKept() {
        List<String> events = aggregate("a1", 3, true);
        RecordingPublisher publisher = new RecordingPublisher();
        publisher.refused.add(events.get(1));

        relay(publisher).relay(collection, "a1");

        // The first went out; the second was refused, so the third (acknowledged) stays too and goes after it.
        assertThat(outbox("a1")).containsExactly(events.get(1), events.get(2));
        assertThat(markers(events)).isEqualTo(2);
        publisher.refused.clear();
        relay(publisher).sweepOnce();
        assertThat(outbox("a1")).isEmpty();
        assertThat(publisher.order).containsExactly(events.get(0), events.get(2), events.get(1), events.get(2));
    }

    @Test
    void aCrashAfterTheMarkerBeforeTheAggregateWriteLeavesAMarkerThatAgesOut() {
        String event = UUID.randomUUID().toString();
        mark("a1", List.of(event), Instant.now());
        RecordingPublisher publisher = new RecordingPublisher();

        relay(publisher).sweepOnce();
        assertThat(markers(List.of(event)))
                .as("a young marker may belong to a write in progress")
                .isOne();

        relay(publisher, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(11)))
                .sweepOnce();
        assertThat(markers(List.of(event))).isZero();
        assertThat(publisher.sent).isEmpty();
    }

    @Test
    void aCrashAfterTheAggregateWriteBeforeTheRelayLosesNothing() {
        List<String> events = aggregate("a1", 3, true);
        RecordingPublisher publisher = new RecordingPublisher();

        relay(publisher).sweepOnce();

        assertThat(publisher.sent.keySet()).containsExactlyInAnyOrderElementsOf(events);
        assertThat(outbox("a1")).isEmpty();
        assertThat(markers(events)).isZero();
    }

    @Test
    void aCrashAfterPublishingBeforeClearingPublishesAgainAtLeastOnce() {
        List<String> events = aggregate("a1", 2, true);
        RecordingPublisher publisher = new RecordingPublisher();
        events.forEach(id -> publisher.sent.put(id, 1)); // sent once by the relay that crashed

        relay(publisher).sweepOnce();

        assertThat(publisher.sent.values()).containsOnly(2);
        assertThat(outbox("a1")).isEmpty();
        assertThat(markers(events)).isZero();
    }

    @Test
    void aCrashAfterClearingBeforeUnmarkingPublishesNothingTwice() {
        List<String> events = aggregate("a1", 0, false);
        List<String> published = List.of(UUID.randomUUID().toString());
        mark("a1", published, Instant.now().minus(Duration.ofMinutes(20)));
        RecordingPublisher publisher = new RecordingPublisher();

        relay(publisher).sweepOnce();

        assertThat(events).isEmpty();
        assertThat(publisher.sent).isEmpty();
        assertThat(markers(published)).isZero();
    }

    @Test
    void aLeaseOfADeadRelayIsTakenOverWhenItExpiresAndNotBefore() {
        List<String> events = aggregate("a1", 2, true);
        RecordingPublisher publisher = new RecordingPublisher();
        mongo.getCollection(LEASES)
                .insertOne(new Document("_id", collection + "/a1")
                        .append("owner", "dead-relay")
                        .append("until", Date.from(Instant.now().plusSeconds(30))));

        assertThat(relay(publisher).relay(collection, "a1")).isZero();
        assertThat(publisher.sent).isEmpty();

        OutboxRelay later = relay(publisher, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(1)));
        assertThat(later.relay(collection, "a1")).isEqualTo(2);
        assertThat(publisher.sent.keySet()).containsExactlyInAnyOrderElementsOf(events);
        assertThat(leases()).as("the relay that took over released its lease").isZero();
    }

    @Test
    void theSweepPublishesABacklogInBatchesAndABadAggregateStopsNothing() {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 1_200; i++) {
            all.addAll(aggregate("a" + i, 1, true));
        }
        // An aggregate whose outbox cannot be read (no time): it is skipped, the others go out.
        String bad = UUID.randomUUID().toString();
        mark("bad", List.of(bad), Instant.now());
        mongo.getCollection(collection)
                .insertOne(new Document("_id", "bad")
                        .append("outbox", List.of(new Document("eventId", bad).append("type", "x"))));
        RecordingPublisher publisher = new RecordingPublisher();

        relay(publisher).sweepOnce();

        assertThat(publisher.sent.keySet()).containsExactlyInAnyOrderElementsOf(all);
        assertThat(publisher.batches.get())
                .as("one wait per batch of aggregates, not one per event")
                .isLessThan(20);
        assertThat(markers(all)).isZero();
        assertThat(markers(List.of(bad))).isOne();
    }

    @Test
    void writesThatComeWhileARelayRunsAreRelayedTogetherInOneBatch() {
        List<Runnable> tasks = new ArrayList<>();
        RecordingPublisher publisher = new RecordingPublisher();
        OutboxRelay relay = new OutboxRelay(mongo, publisher, properties, Clock.systemUTC(), tasks::add);
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            events.addAll(aggregate("w" + i, 1, true));
            relay.relaySoon(collection, List.of("w" + i));
        }
        relay.relaySoon(collection, List.of("w7")); // written twice: relayed once

        assertThat(tasks)
                .as("one background relay for the collection, however many writes")
                .hasSize(1);
        tasks.removeFirst().run();
        assertThat(publisher.sent.keySet()).containsExactlyInAnyOrderElementsOf(events);
        assertThat(publisher.sent.values()).containsOnly(1);
        assertThat(publisher.batches.get())
                .as("one wait for the broker for the 50 writes")
                .isOne();
        assertThat(markers(events)).isZero();
        assertThat(leases()).isZero();

        // Once it has drained, the next write starts a relay again.
        List<String> later = aggregate("w50", 1, true);
        relay.relaySoon(collection, List.of("w50"));
        assertThat(tasks).hasSize(1);
        tasks.removeFirst().run();
        assertThat(publisher.sent.keySet()).containsAll(later);
        assertThat(markers(later)).isZero();
    }

    private OutboxRelay relay(EventPublisher publisher) {
        return relay(publisher, Clock.systemUTC());
    }

    private OutboxRelay relay(EventPublisher publisher, Clock clock) {
        return new OutboxRelay(mongo, publisher, properties, clock, Runnable::run);
    }

    /**
     * An aggregate stored as the write path stores it: the markers first (when {@code marked}), then the
     * document with {@code events} entries in its outbox. Answers the event ids in order.
     */
    private List<String> aggregate(String id, int events, boolean marked) {
        List<String> ids = new ArrayList<>();
        List<Document> outbox = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            String eventId = UUID.randomUUID().toString();
            ids.add(eventId);
            outbox.add(new Document("eventId", eventId)
                    .append("type", "rapport.contacts.ContactUpdated.v1")
                    .append("subject", id)
                    .append("key", "m-1")
                    .append("time", new Date())
                    .append("data", "{}"));
        }
        if (marked) {
            mark(id, ids, Instant.now());
        }
        mongo.getCollection(collection).insertOne(new Document("_id", id).append("outbox", outbox));
        return ids;
    }

    private void mark(String aggregateId, List<String> eventIds, Instant at) {
        for (String eventId : eventIds) {
            mongo.getCollection(PENDING)
                    .insertOne(new Document("_id", eventId)
                            .append("c", collection)
                            .append("a", aggregateId)
                            .append("at", Date.from(at)));
        }
    }

    private List<String> outbox(String id) {
        Document doc =
                mongo.getCollection(collection).find(new Document("_id", id)).first();
        return doc.getList("outbox", Document.class).stream()
                .map(e -> e.getString("eventId"))
                .toList();
    }

    private long markers(List<String> eventIds) {
        return mongo.getCollection(PENDING).countDocuments(new Document("_id", new Document("$in", eventIds)));
    }

    private long leases() {
        return mongo.getCollection(LEASES)
                .countDocuments(new Document("_id", new Document("$regex", "^" + collection + "/")));
    }
}
