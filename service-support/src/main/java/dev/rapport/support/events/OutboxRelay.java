package dev.rapport.support.events;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import dev.rapport.support.RapportProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Executor;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Publishes the events waiting in {@link OutboxDocument} outboxes, then removes them.
 *
 * <p>Right after a write the service asks for the document to be relayed ({@link #relaySoon});
 * a periodic sweep catches whatever a crash or a broker outage left behind. An instance first
 * claims a document with a lease (an atomic conditional update), so several instances of a
 * service never publish the same outbox at the same time; if an instance dies mid-way its lease
 * expires and another one publishes the rest. Delivery is at-least-once.
 */
public class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final MongoTemplate mongo;
    private final EventPublisher publisher;
    private final RapportProperties.Outbox settings;
    private final Clock clock;
    private final Executor executor;

    public OutboxRelay(
            MongoTemplate mongo,
            EventPublisher publisher,
            RapportProperties properties,
            Clock clock,
            Executor executor) {
        this.mongo = mongo;
        this.publisher = publisher;
        this.settings = properties.outbox();
        this.clock = clock;
        this.executor = executor;
    }

    /** Relays a document's outbox in the background, right after the write that filled it. */
    public void relaySoon(OutboxDocument document) {
        String collection = mongo.getCollectionName(document.getClass());
        String id = document.getId();
        executor.execute(() -> {
            try {
                relay(collection, id);
            } catch (RuntimeException e) {
                log.warn("Outbox of {}/{} not relayed now, the sweep will retry: {}", collection, id, e.toString());
            }
        });
    }

    /** Finds documents with pending events in every outbox collection and relays them. */
    @Scheduled(
            fixedDelayString = "${rapport.outbox.sweep-interval:PT5S}",
            initialDelayString = "${rapport.outbox.sweep-interval:PT5S}")
    public void sweep() {
        for (String collection : outboxCollections()) {
            List<Object> ids = new ArrayList<>();
            collection(collection)
                    .find(Filters.exists("outbox.0"))
                    .projection(Projections.include("_id"))
                    .limit(settings.sweepBatch())
                    .forEach(doc -> ids.add(doc.get("_id")));
            for (Object id : ids) {
                try {
                    relay(collection, id);
                } catch (RuntimeException e) {
                    log.warn("Outbox sweep stopped at {}/{}: {}", collection, id, e.toString());
                    return;
                }
            }
        }
    }

    /**
     * Claims, publishes and clears one document's outbox.
     *
     * @return how many events were published (0 when nothing was pending or another instance holds it)
     */
    public int relay(String collection, Object id) {
        id = storedId(id);
        Instant now = clock.instant();
        Document claimed = collection(collection)
                .findOneAndUpdate(
                        Filters.and(
                                Filters.eq("_id", id),
                                Filters.exists("outbox.0"),
                                Filters.or(Filters.eq("outboxLease", null), Filters.lt("outboxLease", Date.from(now)))),
                        Updates.set("outboxLease", Date.from(now.plus(settings.lease()))),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (claimed == null) {
            return 0;
        }
        List<String> published = new ArrayList<>();
        try {
            for (Document entry : claimed.getList("outbox", Document.class)) {
                publisher.publish(toEntry(entry));
                published.add(entry.getString("eventId"));
            }
        } finally {
            collection(collection)
                    .updateOne(
                            Filters.eq("_id", id),
                            Updates.combine(
                                    Updates.pullByFilter(new Document(
                                            "outbox", new Document("eventId", new Document("$in", published)))),
                                    Updates.unset("outboxLease")));
        }
        return published.size();
    }

    /** Spring Data stores a String id that is a valid ObjectId hex string as an ObjectId. */
    private static Object storedId(Object id) {
        return id instanceof String s && ObjectId.isValid(s) ? new ObjectId(s) : id;
    }

    private List<String> outboxCollections() {
        List<String> names = new ArrayList<>();
        for (MongoPersistentEntity<?> entity :
                mongo.getConverter().getMappingContext().getPersistentEntities()) {
            if (OutboxDocument.class.isAssignableFrom(entity.getType())) {
                names.add(entity.getCollection());
            }
        }
        return names;
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
                entry.getString("data"));
    }
}
