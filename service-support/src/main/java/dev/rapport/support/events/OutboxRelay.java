package dev.rapport.support.events;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import dev.rapport.support.RapportProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Publishes the events waiting in {@link OutboxDocument} outboxes, then removes them.
 *
 * <p>Right after a write the write path asks for the aggregate to be relayed ({@link #relaySoon}); a periodic
 * {@link #sweep} finds, through the pending markers ({@link OutboxMarkers}), whatever a crash or a broker outage
 * left behind. Aggregates are relayed in batches: a relay claims them with leases (so that several instances
 * never publish the same outbox at once; a dead instance's lease expires and another takes over), reads their
 * outboxes by id, sends every event asynchronously and waits once, removes what the broker acknowledged, and
 * releases its own leases. Delivery is at-least-once. Nothing here scans an aggregate collection.
 */
public class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    /** How often one relay goes back to aggregates that were written again while it held them. */
    private static final int CATCH_UPS = 3;

    private final MongoTemplate mongo;
    private final EventPublisher publisher;
    private final OutboxMarkers markers;
    private final RapportProperties.Outbox settings;
    private final Clock clock;
    private final Executor executor;
    private final Map<String, Backlog> backlogs = new ConcurrentHashMap<>();

    public OutboxRelay(
            MongoTemplate mongo,
            EventPublisher publisher,
            RapportProperties properties,
            Clock clock,
            Executor executor) {
        this.mongo = mongo;
        this.publisher = publisher;
        this.markers = new OutboxMarkers(mongo, clock);
        this.settings = properties.outbox();
        this.clock = clock;
        this.executor = executor;
    }

    OutboxMarkers markers() {
        return markers;
    }

    /**
     * The outbox backlog as metrics: {@code rapport.outbox.pending} (events waiting to be published) and
     * {@code rapport.outbox.oldest.age} (seconds the oldest has waited; 0 when none), read from the markers.
     */
    public void bindMetrics(MeterRegistry meters) {
        markers.bindMetrics(meters);
    }

    /** The sweep's interval: {@code rapport.outbox.sweep-interval} as the typed settings read it. */
    static final String SWEEP_INTERVAL = "#{@'" + RapportProperties.BEAN + "'.outbox().sweepInterval()}";

    /** The periodic sweep (see {@link #sweepOnce}). */
    @Scheduled(fixedDelayString = SWEEP_INTERVAL, initialDelayString = SWEEP_INTERVAL)
    public void sweep() {
        try {
            sweepOnce();
        } catch (RuntimeException e) {
            log.warn("Outbox sweep failed, the next one retries: {}", e.toString());
        }
    }

    /**
     * Relays aggregates in the background, right after the write that filled them. Writes that come while a relay of
     * the same collection is running are coalesced: one relay per collection at a time takes every aggregate queued
     * meanwhile ({@code publish-batch} at a time, each once), so that under load one lease claim, one read, one wait
     * for the broker and one clear serve many writes instead of one each. Nothing is lost by skipping this: the
     * markers stay until publication, and the {@link #sweep} relays whatever was not relayed here (also what is
     * queued beyond {@value #MAX_QUEUED} aggregates, e.g. while the broker is down).
     */
    public void relaySoon(String collection, List<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        Backlog backlog = backlogs.computeIfAbsent(collection, c -> new Backlog());
        if (!backlog.offer(ids)) {
            return;
        }
        if (backlog.draining.compareAndSet(false, true)) {
            try {
                executor.execute(() -> drain(collection, backlog));
            } catch (RejectedExecutionException stopping) {
                backlog.draining.set(false);
            }
        }
    }

    private void drain(String collection, Backlog backlog) {
        do {
            for (List<String> batch = backlog.next(settings.publishBatch());
                    !batch.isEmpty();
                    batch = backlog.next(settings.publishBatch())) {
                try {
                    relay(collection, batch);
                } catch (RuntimeException e) {
                    log.warn(
                            "Outboxes of {} ({} aggregates from {}) not relayed now, the sweep will retry: {}",
                            collection,
                            batch.size(),
                            batch.getFirst(),
                            e.toString());
                }
            }
            backlog.draining.set(false);
            // A write queued after the last poll but before the flag was cleared found the relay still running.
        } while (!backlog.isEmpty() && backlog.draining.compareAndSet(false, true));
    }

    /** At most this many aggregates wait for a background relay per collection; the sweep relays the others. */
    static final int MAX_QUEUED = 10_000;

    /** The aggregates of one collection waiting for a background relay, and whether one is running. */
    private static final class Backlog {

        private final Queue<String> ids = new ConcurrentLinkedQueue<>();
        private final AtomicInteger size = new AtomicInteger();
        private final AtomicBoolean draining = new AtomicBoolean();

        /** Queues {@code more}, or nothing (false) when the backlog is full. */
        boolean offer(List<String> more) {
            if (size.addAndGet(more.size()) > MAX_QUEUED) {
                size.addAndGet(-more.size());
                return false;
            }
            ids.addAll(more);
            return true;
        }

        /** Up to {@code max} distinct queued aggregates, oldest first. */
        List<String> next(int max) {
            Set<String> batch = new LinkedHashSet<>();
            String id;
            while (batch.size() < max && (id = ids.poll()) != null) {
                size.decrementAndGet();
                batch.add(id);
            }
            return List.copyOf(batch);
        }

        boolean isEmpty() {
            return ids.isEmpty();
        }
    }

    /**
     * Finds pending events through their markers and relays their aggregates, oldest first, batch after batch
     * while there is progress (bounded by the sweep interval). A failing aggregate is logged and left for the
     * next sweep; it never stops the others. Markers whose event is in no outbox any more (published before a
     * crash removed the marker, or never stored because its write failed) are removed once they are older than
     * {@code rapport.outbox.orphan-after}.
     *
     * @return how many events this sweep published
     */
    public int sweepOnce() {
        long stopAt = System.nanoTime() + settings.sweepInterval().toNanos();
        int total = 0;
        while (System.nanoTime() < stopAt) {
            List<OutboxMarkers.Marker> pending = markers.oldest(settings.sweepBatch());
            if (pending.isEmpty()) {
                break;
            }
            int published = 0;
            Map<String, List<OutboxMarkers.Marker>> byCollection = new LinkedHashMap<>();
            pending.forEach(m -> byCollection
                    .computeIfAbsent(m.collection(), c -> new ArrayList<>())
                    .add(m));
            for (var entry : byCollection.entrySet()) {
                published += sweep(entry.getKey(), entry.getValue());
            }
            total += published;
            if (published == 0) {
                break;
            }
        }
        return total;
    }

    private int sweep(String collection, List<OutboxMarkers.Marker> pending) {
        List<String> ids = pending.stream()
                .map(OutboxMarkers.Marker::aggregateId)
                .distinct()
                .toList();
        int published = 0;
        try {
            published = relay(collection, ids);
        } catch (RuntimeException batchFailed) {
            // One bad aggregate must not hold back the others: go one by one.
            for (String id : ids) {
                try {
                    published += relay(collection, List.of(id));
                } catch (RuntimeException e) {
                    log.warn("Outbox of {}/{} not relayed by the sweep: {}", collection, id, e.toString());
                }
            }
        }
        removeOrphans(collection, pending);
        return published;
    }

    private void removeOrphans(String collection, List<OutboxMarkers.Marker> pending) {
        Instant orphanedBefore = clock.instant().minus(settings.orphanAfter());
        List<OutboxMarkers.Marker> old =
                pending.stream().filter(m -> m.at().isBefore(orphanedBefore)).toList();
        if (old.isEmpty()) {
            return;
        }
        Set<String> stillPending = new HashSet<>();
        Set<String> unreadable = new HashSet<>();
        outboxes(
                        collection,
                        old.stream()
                                .map(OutboxMarkers.Marker::aggregateId)
                                .distinct()
                                .toList(),
                        unreadable)
                .values()
                .forEach(entries -> entries.forEach(e -> stillPending.add(e.eventId())));
        List<String> orphans = old.stream()
                .filter(m -> !stillPending.contains(m.eventId()) && !unreadable.contains(m.aggregateId()))
                .map(OutboxMarkers.Marker::eventId)
                .toList();
        if (!orphans.isEmpty()) {
            log.info("Removing {} outbox markers of {} whose events are in no outbox", orphans.size(), collection);
            markers.unmark(orphans);
        }
    }

    /** Relays one aggregate's outbox now (see {@link #relay(String, List)}). */
    public int relay(String collection, Object id) {
        return relay(collection, List.of(String.valueOf(id)));
    }

    /**
     * Claims, publishes and clears the outboxes of some aggregates of one collection, {@code publish-batch} at
     * a time; aggregates another relay holds are left to it.
     *
     * @return how many events were published
     */
    public int relay(String collection, List<String> ids) {
        int published = 0;
        for (int from = 0; from < ids.size(); from += settings.publishBatch()) {
            published +=
                    relayBatch(collection, ids.subList(from, Math.min(ids.size(), from + settings.publishBatch())));
        }
        return published;
    }

    private int relayBatch(String collection, List<String> ids) {
        int published = 0;
        List<String> todo = ids;
        for (int round = 0; round <= CATCH_UPS && !todo.isEmpty(); round++) {
            OutboxMarkers.Lease lease = markers.claim(collection, todo, settings.lease());
            if (lease.isEmpty()) {
                break;
            }
            Set<String> failed = new HashSet<>();
            try {
                published += publish(collection, lease.aggregateIds(), failed);
            } finally {
                markers.release(lease);
            }
            // Written again while we held them (their writer could not claim them): go on with those.
            List<String> claimed = lease.aggregateIds().stream()
                    .filter(id -> !failed.contains(id))
                    .toList();
            todo = outboxes(collection, claimed, failed).entrySet().stream()
                    .filter(e -> !e.getValue().isEmpty())
                    .map(Map.Entry::getKey)
                    .toList();
        }
        return published;
    }

    private int publish(String collection, List<String> ids, Set<String> failed) {
        Map<String, List<OutboxEntry>> outboxes = outboxes(collection, ids, failed);
        List<OutboxEntry> all = new ArrayList<>();
        outboxes.values().forEach(all::addAll);
        if (all.isEmpty()) {
            return 0;
        }
        Set<String> acknowledged = publisher.publishAll(all);
        List<WriteModel<Document>> clears = new ArrayList<>();
        List<String> published = new ArrayList<>();
        for (var outbox : outboxes.entrySet()) {
            // Only an acknowledged prefix is removed, so what is sent again keeps its order.
            List<String> done = new ArrayList<>();
            for (OutboxEntry entry : outbox.getValue()) {
                if (!acknowledged.contains(entry.eventId())) {
                    failed.add(outbox.getKey());
                    break;
                }
                done.add(entry.eventId());
            }
            if (!done.isEmpty()) {
                clears.add(new UpdateOneModel<>(
                        Filters.eq("_id", storedId(outbox.getKey())),
                        Updates.pullByFilter(
                                new Document("outbox", new Document("eventId", new Document("$in", done))))));
                published.addAll(done);
            }
        }
        if (!clears.isEmpty()) {
            collection(collection).bulkWrite(clears);
            markers.unmark(published);
        }
        if (published.size() < all.size()) {
            log.warn(
                    "{} of {} events of {} not acknowledged by the broker; they stay in their outboxes",
                    all.size() - published.size(),
                    all.size(),
                    collection);
        }
        return published.size();
    }

    /**
     * The pending entries of some aggregates, read by id alone, in the order asked; an aggregate whose outbox
     * cannot be read is logged, added to {@code unreadable} and left out (it stays pending, for an operator).
     */
    private Map<String, List<OutboxEntry>> outboxes(String collection, List<String> ids, Set<String> unreadable) {
        Map<String, List<OutboxEntry>> found = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        Map<String, List<OutboxEntry>> read = new HashMap<>();
        collection(collection)
                .find(Filters.in("_id", ids.stream().map(OutboxRelay::storedId).toList()))
                .projection(Projections.include("outbox"))
                .forEach(doc -> {
                    String id = String.valueOf(doc.get("_id"));
                    try {
                        read.put(
                                id,
                                doc.getList("outbox", Document.class, List.of()).stream()
                                        .map(OutboxRelay::toEntry)
                                        .toList());
                    } catch (RuntimeException e) {
                        unreadable.add(id);
                        log.error(
                                "Outbox of {}/{} cannot be read, its events stay pending: {}",
                                collection,
                                id,
                                e.toString());
                    }
                });
        for (String id : ids) {
            if (!unreadable.contains(id)) {
                found.put(id, read.getOrDefault(id, List.of()));
            }
        }
        return found;
    }

    /** Spring Data stores a String id that is a valid ObjectId hex string as an ObjectId. */
    private static Object storedId(String id) {
        return ObjectId.isValid(id) ? new ObjectId(id) : id;
    }

    private MongoCollection<Document> collection(String name) {
        return mongo.getCollection(name);
    }

    private static OutboxEntry toEntry(Document entry) {
        Object time = entry.get("time");
        return new OutboxEntry(
                entry.getString("eventId"),
                entry.getString("type"),
                entry.getString("subject"),
                entry.getString("key"),
                time instanceof Date date ? date.toInstant() : Instant.parse(String.valueOf(time)),
                entry.getString("data"),
                entry.getString("traceparent"),
                entry.getString("tracestate"));
    }
}
