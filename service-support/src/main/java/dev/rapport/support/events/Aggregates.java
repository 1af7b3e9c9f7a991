package dev.rapport.support.events;

import dev.rapport.contracts.events.DomainEvent;
import dev.rapport.contracts.events.EventHeader;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import org.bson.types.ObjectId;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The one write path of aggregates and their events. Every write of an {@link OutboxDocument}:
 *
 * <ol>
 *   <li>stamps the events the change recorded (a fresh id, the time of the write, the aggregate's member and
 *       tenant; an event built with its own header must belong to the aggregate's member) and appends them to
 *       the aggregate's outbox;
 *   <li>marks them pending ({@link OutboxMarkers}) <em>before</em> the aggregate write, so that a crash between
 *       the two leaves at most a marker without an event, never an event without a marker;
 *   <li>writes the aggregate and its outbox in one single-document write (insert, versioned save or a
 *       conditional update);
 *   <li>hands the aggregate to the relay, which publishes at once in the background.
 * </ol>
 */
public class Aggregates {

    private final MongoTemplate mongo;
    private final OutboxEvents events;
    private final OutboxRelay relay;
    private final Clock clock;

    public Aggregates(MongoTemplate mongo, OutboxEvents events, OutboxRelay relay, Clock clock) {
        this.mongo = mongo;
        this.events = events;
        this.relay = relay;
        this.clock = clock;
    }

    /**
     * Inserts a new aggregate with the events its creation recorded. Run by a request with an
     * {@code Idempotency-Key} ({@link IdempotentScope}), the aggregate carries which insert of that request made it;
     * in a retry that took over the key of a run that died, the aggregate that run stored, if it did, is returned
     * as it is now (and {@code aggregate} takes its id), and nothing is written.
     */
    @SuppressWarnings("unchecked")
    public <T extends OutboxDocument> T insert(T aggregate) {
        IdempotentScope request = IdempotentScope.current();
        if (request != null) {
            aggregate.requestKey = request.nextInsertKey();
            if (request.resumed()) {
                // Rare (only after a crash), so a lookup without an index of its own is acceptable here.
                T stored = mongo.findOne(
                        Query.query(Criteria.where("memberId")
                                .is(aggregate.getMemberId())
                                .and("requestKey")
                                .is(aggregate.requestKey)),
                        (Class<T>) aggregate.getClass());
                if (stored != null) {
                    // Also for a caller that answers from the object it built rather than the one returned.
                    aggregate.takeRecorded();
                    aggregate.id = stored.id;
                    aggregate.version = stored.version;
                    return stored;
                }
            }
        }
        return write(aggregate, () -> mongo.insert(aggregate));
    }

    /**
     * Saves a changed aggregate with the events the change recorded; a save from stale state fails with an
     * {@link org.springframework.dao.OptimisticLockingFailureException} and stores nothing.
     */
    public <T extends OutboxDocument> T save(T aggregate) {
        return write(aggregate, () -> mongo.save(aggregate));
    }

    /**
     * Inserts many new aggregates of one type at once (imports), each with its own events, and relays them in
     * the background in order and in batches.
     */
    public <T extends OutboxDocument> List<T> insertAll(List<T> aggregates, Class<T> type) {
        if (aggregates.isEmpty()) {
            return aggregates;
        }
        String collection = mongo.getCollectionName(type);
        List<Staged> staged = new ArrayList<>(aggregates.size());
        for (T aggregate : aggregates) {
            Staged one = stage(aggregate);
            aggregate.outbox.addAll(one.entries());
            staged.add(one);
        }
        relay.markers().markAll(collection, aggregates);
        try {
            mongo.insert(aggregates, type);
        } catch (RuntimeException e) {
            relay.markers().unmark(notWritten(aggregates, staged, type));
            throw e;
        }
        relay.relaySoon(
                collection, aggregates.stream().map(OutboxDocument::getId).toList());
        return aggregates;
    }

    /**
     * Applies a conditional update to an aggregate, with the events recorded on {@code current} (the state the
     * condition was checked against) pushed to its outbox in the same atomic write.
     *
     * @param unchanged the condition, which must select {@code current}'s document only
     * @return the aggregate after the update, or null when the condition no longer held (nothing was written)
     */
    @SuppressWarnings("unchecked")
    public <T extends OutboxDocument> T update(T current, Query unchanged, Update change) {
        Class<T> type = (Class<T>) current.getClass();
        String collection = mongo.getCollectionName(type);
        Staged staged = stage(current);
        if (!staged.entries().isEmpty()) {
            change.push("outbox").each(staged.entries().toArray());
        }
        relay.markers().mark(collection, current.getId(), staged.entries());
        T updated;
        try {
            updated = mongo.findAndModify(
                    unchanged, change, FindAndModifyOptions.options().returnNew(true), type);
        } catch (RuntimeException e) {
            relay.markers().unmark(staged.freshIds());
            throw e;
        }
        if (updated == null) {
            relay.markers().unmark(staged.freshIds());
            return null;
        }
        if (!staged.entries().isEmpty()) {
            relay.relaySoon(collection, List.of(updated.getId()));
        }
        return updated;
    }

    /** A header for an event about {@code aggregate}, stamped now: for events built outside a write. */
    public EventHeader header(OutboxDocument aggregate) {
        return new EventHeader(
                UUID.randomUUID().toString(), clock.instant(), aggregate.getMemberId(), aggregate.getTenantId());
    }

    private <T extends OutboxDocument> T write(T aggregate, java.util.function.Supplier<T> store) {
        String collection = mongo.getCollectionName(aggregate.getClass());
        Staged staged = stage(aggregate);
        aggregate.outbox.addAll(staged.entries());
        relay.markers().mark(collection, aggregate.getId(), staged.entries());
        T saved;
        try {
            saved = store.get();
        } catch (RuntimeException e) {
            aggregate.outbox.removeAll(staged.entries());
            relay.markers().unmark(staged.freshIds());
            throw e;
        }
        if (!saved.getOutbox().isEmpty()) {
            relay.relaySoon(collection, List.of(saved.getId()));
        }
        return saved;
    }

    /** The recorded events of an aggregate as outbox entries, with the ids this write made up. */
    private record Staged(List<OutboxEntry> entries, List<String> freshIds) {}

    /**
     * The fresh events of the aggregates a failed bulk insert did not write. An insert of many may fail part-way (an
     * ordered insert stops at its first duplicate key, having written those before it): the documents written keep
     * their markers, so their events are still published. Where it cannot tell (the store failing too), the marker
     * stays: a marker whose aggregate does not hold its event is removed by the relay as an orphan.
     */
    private <T extends OutboxDocument> List<String> notWritten(List<T> aggregates, List<Staged> staged, Class<T> type) {
        List<String> unwritten = new ArrayList<>();
        for (int i = 0; i < aggregates.size(); i++) {
            List<String> fresh = staged.get(i).freshIds();
            if (fresh.isEmpty()) {
                continue;
            }
            T stored;
            try {
                stored = mongo.findById(aggregates.get(i).getId(), type);
            } catch (RuntimeException unknown) {
                continue;
            }
            boolean written = stored != null
                    && stored.getOutbox().stream()
                            .anyMatch(entry -> entry.eventId().equals(fresh.getFirst()));
            if (!written) {
                unwritten.addAll(fresh);
            }
        }
        return unwritten;
    }

    private Staged stage(OutboxDocument aggregate) {
        if (aggregate.id == null) {
            aggregate.id = new ObjectId().toHexString();
        }
        List<OutboxEntry> entries = new ArrayList<>();
        List<String> fresh = new ArrayList<>();
        for (Function<EventHeader, ? extends DomainEvent> recorded : aggregate.takeRecorded()) {
            EventHeader header = header(aggregate);
            DomainEvent event = recorded.apply(header);
            if (!Objects.equals(event.memberId(), aggregate.getMemberId())
                    || !Objects.equals(event.tenantId(), aggregate.getTenantId())) {
                throw new IllegalStateException("Event " + event.getClass().getSimpleName() + " of member "
                        + event.memberId() + " recorded on an aggregate of member " + aggregate.getMemberId());
            }
            if (event.eventId().equals(header.eventId())) {
                fresh.add(event.eventId());
            }
            entries.add(events.entry(event));
        }
        return new Staged(entries, fresh);
    }
}
