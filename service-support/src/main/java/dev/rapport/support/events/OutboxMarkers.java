package dev.rapport.support.events;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import dev.rapport.support.mongo.IndexDeclaration;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The small collections that let the relay find and claim pending outboxes without touching the aggregate
 * collections: a marker per pending event ({@value #PENDING}, {@code _id} = event id), written before the
 * aggregate write that stores the event and removed once it is published; and a lease per aggregate being
 * published ({@value #LEASES}, {@code _id} = collection/aggregate id), taken by an insert and released by its
 * owner only.
 *
 * <p>Every hot operation is an equality or {@code $in} on {@code _id} alone, which every store serves from its
 * primary index (the embedded store scans for anything else); the sweep reads the markers collection, whose size
 * is the backlog, not the data.
 */
class OutboxMarkers {

    static final String PENDING = "outbox_pending";
    static final String LEASES = "outbox_leases";

    private final MongoTemplate mongo;
    private final Clock clock;

    OutboxMarkers(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** A pending event: where its aggregate is and since when it waits. */
    record Marker(String eventId, String collection, String aggregateId, Instant at) {}

    /** The aggregates one relay holds, and the token that proves it. */
    record Lease(String collection, List<String> aggregateIds, String owner) {
        boolean isEmpty() {
            return aggregateIds.isEmpty();
        }
    }

    /**
     * The indexes a real MongoDB needs (the markers' age for the sweep and the backlog, the leases' expiry),
     * created at start-up with the service's own ({@link dev.rapport.support.mongo.IndexCreator}).
     */
    static List<IndexDeclaration> declareIndexes() {
        return List.of(
                IndexDeclaration.of(PENDING, "outbox_pending_at", "at"),
                IndexDeclaration.of(LEASES, "outbox_leases_until", "until"));
    }

    /** Marks events as pending before the write that stores them; marking one twice is harmless. */
    void mark(String collection, String aggregateId, List<OutboxEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        Date now = Date.from(clock.instant());
        insert(entries.stream()
                .map(entry -> marker(entry, collection, aggregateId, now))
                .toList());
    }

    /** Marks many aggregates' events at once (bulk writes). */
    void markAll(String collection, List<? extends OutboxDocument> aggregates) {
        Date now = Date.from(clock.instant());
        List<Document> markers = new ArrayList<>();
        for (OutboxDocument aggregate : aggregates) {
            for (OutboxEntry entry : aggregate.getOutbox()) {
                markers.add(marker(entry, collection, aggregate.getId(), now));
            }
        }
        insert(markers);
    }

    private static Document marker(OutboxEntry entry, String collection, String aggregateId, Date at) {
        return new Document("_id", entry.eventId())
                .append("c", collection)
                .append("a", aggregateId)
                .append("at", at);
    }

    private void insert(List<Document> markers) {
        if (markers.isEmpty()) {
            return;
        }
        try {
            pending().insertMany(markers, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            // An event marked again (a derived id recorded twice) keeps its first marker; anything else fails.
            if (e.getWriteErrors().stream().anyMatch(error -> error.getCode() != 11000)) {
                throw e;
            }
        }
    }

    /** Removes the markers of events that are published (or whose write failed). */
    void unmark(Collection<String> eventIds) {
        if (!eventIds.isEmpty()) {
            pending().deleteMany(Filters.in("_id", eventIds));
        }
    }

    /** The oldest pending events, at most {@code limit}. */
    List<Marker> oldest(int limit) {
        List<Marker> found = new ArrayList<>();
        pending()
                .find()
                .sort(Sorts.ascending("at"))
                .limit(limit)
                .forEach(doc -> found.add(new Marker(
                        doc.getString("_id"),
                        doc.getString("c"),
                        doc.getString("a"),
                        doc.getDate("at").toInstant())));
        return found;
    }

    /** How many events wait, and since when the oldest (null when none): the backlog operators watch. */
    Backlog backlog() {
        long count = pending().countDocuments();
        Document oldest = count == 0
                ? null
                : pending().find().sort(Sorts.ascending("at")).limit(1).first();
        return new Backlog(count, oldest == null ? null : oldest.getDate("at").toInstant());
    }

    /** The relay's backlog. */
    record Backlog(long pending, Instant oldest) {}

    /**
     * Claims the aggregates that no other relay holds (or whose holder's lease expired) for {@code lease}: an
     * insert per aggregate, which the primary index makes atomic; an expired lease is taken over by a
     * conditional update on its expiry.
     */
    Lease claim(String collection, Collection<String> aggregateIds, Duration lease) {
        String owner = UUID.randomUUID().toString();
        Instant now = clock.instant();
        Date until = Date.from(now.plus(lease));
        Set<String> keys = new LinkedHashSet<>();
        List<Document> leases = new ArrayList<>();
        for (String id : aggregateIds) {
            if (keys.add(key(collection, id))) {
                leases.add(new Document("_id", key(collection, id))
                        .append("owner", owner)
                        .append("until", until));
            }
        }
        if (leases.isEmpty()) {
            return new Lease(collection, List.of(), owner);
        }
        // The inserts the store acknowledged are ours; only the keys another relay held are read back, to take over
        // those whose lease expired (an uncontended claim is one write).
        Set<String> held = new LinkedHashSet<>();
        try {
            leases().insertMany(leases, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            if (e.getWriteErrors().stream().anyMatch(error -> error.getCode() != 11000)) {
                throw e;
            }
            e.getWriteErrors()
                    .forEach(error -> held.add(leases.get(error.getIndex()).getString("_id")));
        }
        List<String> claimed = new ArrayList<>();
        for (String key : keys) {
            if (!held.contains(key)) {
                claimed.add(idOf(collection, key));
            }
        }
        if (!held.isEmpty()) {
            for (Document other : leases().find(Filters.in("_id", held))) {
                String key = other.getString("_id");
                if (other.getDate("until").toInstant().isBefore(now)) {
                    Document taken = leases().findOneAndUpdate(
                                    Filters.and(Filters.eq("_id", key), Filters.eq("until", other.getDate("until"))),
                                    Updates.combine(Updates.set("owner", owner), Updates.set("until", until)),
                                    new com.mongodb.client.model.FindOneAndUpdateOptions()
                                            .returnDocument(ReturnDocument.AFTER));
                    if (taken != null && owner.equals(taken.getString("owner"))) {
                        claimed.add(idOf(collection, key));
                    }
                }
            }
        }
        return new Lease(collection, List.copyOf(claimed), owner);
    }

    /** Releases the leases this relay holds, never another's (one that took over an expired lease). */
    void release(Lease lease) {
        if (lease.isEmpty()) {
            return;
        }
        List<String> keys = lease.aggregateIds().stream()
                .map(id -> key(lease.collection(), id))
                .toList();
        leases().deleteMany(Filters.and(Filters.in("_id", keys), Filters.eq("owner", lease.owner())));
    }

    private static String key(String collection, String aggregateId) {
        return collection + "/" + aggregateId;
    }

    private static String idOf(String collection, String key) {
        return key.substring(collection.length() + 1);
    }

    private MongoCollection<Document> pending() {
        return mongo.getCollection(PENDING);
    }

    private MongoCollection<Document> leases() {
        return mongo.getCollection(LEASES);
    }

    /** The backlog as gauges: see {@link OutboxRelay#bindMetrics}. */
    void bindMetrics(MeterRegistry meters) {
        Gauge.builder("rapport.outbox.pending", this, m -> m.backlog().pending())
                .description("Events stored in outboxes and not yet acknowledged by the broker")
                .register(meters);
        Gauge.builder("rapport.outbox.oldest.age", this, m -> {
                    Instant oldest = m.backlog().oldest();
                    return oldest == null
                            ? 0
                            : Duration.between(oldest, clock.instant()).toMillis() / 1000.0;
                })
                .description("Seconds the oldest pending event has waited")
                .baseUnit("seconds")
                .register(meters);
    }
}
