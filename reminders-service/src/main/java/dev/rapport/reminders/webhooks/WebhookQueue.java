package dev.rapport.reminders.webhooks;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The lanes of pending deliveries ({@link WebhookLaneDocument}) and the per-subscription delivery numbers. Every
 * operation on a lane is by its {@code _id} except finding due lanes, which reads the lanes collection: the backlog.
 */
@Component
class WebhookQueue {

    static final String SEQUENCES = "webhook_sequences";

    private final MongoTemplate mongo;

    WebhookQueue(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The next number of the subscription's delivery log (1, 2, …). */
    long nextSequence(String memberId, String subscriptionId) {
        Document counter = mongo.getCollection(SEQUENCES)
                .findOneAndUpdate(
                        new Document("_id", subscriptionId),
                        new Document("$inc", new Document("seq", 1L))
                                .append("$setOnInsert", new Document("memberId", memberId)),
                        new com.mongodb.client.model.FindOneAndUpdateOptions()
                                .upsert(true)
                                .returnDocument(com.mongodb.client.model.ReturnDocument.AFTER));
        return ((Number) counter.get("seq")).longValue();
    }

    /** The last number given out, 0 when none. */
    long lastSequence(String subscriptionId) {
        Document counter = mongo.getCollection(SEQUENCES)
                .find(new Document("_id", subscriptionId))
                .first();
        return counter == null ? 0 : ((Number) counter.get("seq")).longValue();
    }

    /** Appends the delivery to its lane (once: a second enqueue of the same delivery changes nothing). */
    void enqueue(WebhookDeliveryDocument delivery, Instant now) {
        Update update = new Update()
                .addToSet("deliveryIds", delivery.getId())
                .setOnInsert("memberId", delivery.getMemberId())
                .setOnInsert("subscriptionId", delivery.subscriptionId)
                .setOnInsert("nextAttemptAt", now);
        try {
            mongo.upsert(query(where("_id").is(delivery.lane)), update, WebhookLaneDocument.class);
        } catch (DuplicateKeyException raced) {
            // Two upserts of a new lane at once: the other inserted it, so this one updates it.
            mongo.updateFirst(query(where("_id").is(delivery.lane)), update, WebhookLaneDocument.class);
        }
    }

    /** Lanes whose head is due (a lane held by an instance is due only when its lease ends), oldest first. */
    List<WebhookLaneDocument> due(Instant now, int limit) {
        return mongo.find(
                query(where("nextAttemptAt").lte(now))
                        .with(Sort.by("nextAttemptAt"))
                        .limit(limit),
                WebhookLaneDocument.class);
    }

    /**
     * Takes the lane for this instance until {@code until}: it stops being due until then, so other instances pass
     * it by, and becomes due again then if this one dies with it. False when another instance took it first.
     */
    boolean claim(WebhookLaneDocument lane, Instant now, Instant until) {
        boolean won = mongo.updateFirst(
                                query(where("_id")
                                        .is(lane.id)
                                        .and("nextAttemptAt")
                                        .lte(now)),
                                new Update().set("lease", until).set("nextAttemptAt", until),
                                WebhookLaneDocument.class)
                        .getModifiedCount()
                == 1;
        if (won) {
            lane.lease = until;
            lane.nextAttemptAt = until;
        }
        return won;
    }

    /** The lane as stored now (its queue may have grown since it was found). */
    WebhookLaneDocument reload(String laneId) {
        return mongo.findById(laneId, WebhookLaneDocument.class);
    }

    /** Removes a delivery from its lane (sent, or ended). */
    void pop(String laneId, String deliveryId) {
        mongo.updateFirst(
                query(where("_id").is(laneId)),
                new Update().pull("deliveryIds", deliveryId),
                WebhookLaneDocument.class);
    }

    /** Lets the lane go: its head is due again at {@code nextAttemptAt}. */
    void release(String laneId, Instant nextAttemptAt) {
        mongo.updateFirst(
                query(where("_id").is(laneId)),
                new Update().set("nextAttemptAt", nextAttemptAt).unset("lease"),
                WebhookLaneDocument.class);
    }

    /** Deletes the lane if nothing was queued in it meanwhile; else lets it go, due now. */
    void closeIfEmpty(String laneId, Instant now) {
        long deleted = mongo.remove(
                        query(where("_id").is(laneId).and("deliveryIds").size(0)), WebhookLaneDocument.class)
                .getDeletedCount();
        if (deleted == 0) {
            release(laneId, now);
        }
    }

    /** Deletes the lane whatever it still holds (its subscription is gone or disabled). */
    void drop(String laneId) {
        mongo.remove(query(where("_id").is(laneId)), WebhookLaneDocument.class);
    }
}
