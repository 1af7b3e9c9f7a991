package dev.rapport.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.contacts.contacts.ContactRepository;
import dev.rapport.contacts.contacts.ContactService;
import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.support.RapportProperties;
import dev.rapport.support.events.EventPublisher;
import dev.rapport.support.events.OutboxEntry;
import dev.rapport.support.events.OutboxRelay;
import dev.rapport.testkit.RapportIntegrationTest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The outbox relay with several instances of the service racing for the same outboxes. */
@RapportIntegrationTest
class OutboxRelayIT {

    @Autowired
    MongoTemplate mongo;

    @Autowired
    ContactService contacts;

    @Autowired
    ContactRepository repository;

    @Autowired
    RapportProperties properties;

    @Autowired
    StreamBridge bridge;

    /** A publisher that records what it sends instead of sending, and can be made to fail. */
    static final class RecordingPublisher extends EventPublisher {
        final Map<String, Integer> sent = new ConcurrentHashMap<>();
        final AtomicBoolean failing = new AtomicBoolean();

        RecordingPublisher(StreamBridge bridge, RapportProperties properties) {
            super(bridge, properties);
        }

        @Override
        public void publish(OutboxEntry entry) {
            if (failing.get()) {
                throw new IllegalStateException("broker down");
            }
            sent.merge(entry.eventId(), 1, Integer::sum);
        }
    }

    @Test
    void racingInstancesPublishEveryEventOnceAndClearTheOutbox() throws Exception {
        IdentityAssertion caller = new IdentityAssertion("m-" + UUID.randomUUID(), "alumni", Set.of(), Instant.MAX);
        String id = pendingContactWithEvents(caller, 40);
        RecordingPublisher publisher = new RecordingPublisher(bridge, properties);
        List<OutboxRelay> instances = List.of(relay(publisher), relay(publisher), relay(publisher), relay(publisher));

        var pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            OutboxRelay instance = instances.get(i % instances.size());
            results.add(pool.submit(() -> {
                start.await();
                return instance.relay("contacts", id);
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
        assertThat(repository.findById(id).orElseThrow().getOutbox()).isEmpty();
    }

    @Test
    void eventsLeftBehindByAFailedSendArePublishedByTheSweep() {
        IdentityAssertion caller = new IdentityAssertion("m-" + UUID.randomUUID(), "alumni", Set.of(), Instant.MAX);
        String id = pendingContactWithEvents(caller, 2);
        RecordingPublisher publisher = new RecordingPublisher(bridge, properties);
        OutboxRelay relay = relay(publisher);

        publisher.failing.set(true);
        try {
            relay.relay("contacts", id);
        } catch (IllegalStateException expected) {
            // the broker is down: nothing is lost, the events stay in the outbox
        }
        assertThat(repository.findById(id).orElseThrow().getOutbox()).hasSize(2);

        List<String> pending = repository.findById(id).orElseThrow().getOutbox().stream()
                .map(OutboxEntry::eventId)
                .toList();
        publisher.failing.set(false);
        relay.sweep();
        assertThat(publisher.sent.keySet()).containsAll(pending);
        assertThat(repository.findById(id).orElseThrow().getOutbox()).isEmpty();
    }

    private OutboxRelay relay(EventPublisher publisher) {
        return new OutboxRelay(mongo, publisher, properties, Clock.systemUTC(), Runnable::run);
    }

    /** A contact whose outbox holds {@code extra} events, none published yet (its ContactAdded already went out). */
    private String pendingContactWithEvents(IdentityAssertion caller, int extra) {
        var request = new dev.rapport.contacts.contacts.ContactRequest(
                "Racing", "Relay", null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null);
        var contact = contacts.add(caller, request);
        // Let the service's own relay publish ContactAdded first, so that it cannot race with this setup.
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(20))
                .until(() -> repository
                        .findById(contact.getId())
                        .orElseThrow()
                        .getOutbox()
                        .isEmpty());
        // Then stop it from publishing what follows: hold the outbox's lease.
        mongo.getCollection("contacts")
                .updateOne(
                        new org.bson.Document("_id", new org.bson.types.ObjectId(contact.getId())),
                        new org.bson.Document(
                                "$set",
                                new org.bson.Document(
                                        "outboxLease",
                                        java.util.Date.from(Instant.now().plusSeconds(3600)))));
        var stored = repository.findById(contact.getId()).orElseThrow();
        for (int i = 0; i < extra; i++) {
            stored.record(new OutboxEntry(
                    UUID.randomUUID().toString(),
                    "rapport.contacts.ContactUpdated.v1",
                    contact.getId(),
                    caller.memberId(),
                    Instant.now(),
                    "{}"));
        }
        repository.save(stored);
        mongo.getCollection("contacts")
                .updateOne(
                        new org.bson.Document("_id", new org.bson.types.ObjectId(contact.getId())),
                        new org.bson.Document("$unset", new org.bson.Document("outboxLease", "")));
        return contact.getId();
    }
}
