package dev.rapport.reminders.webhooks;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.reminders.RemindersProperties;
import dev.rapport.support.events.Aggregates;
import dev.rapport.support.web.ApiException;
import dev.rapport.support.web.CursorPage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A subscription's delivery log (newest first, read by id: the log of one subscription is numbered), manual
 * redelivery and the test ping.
 */
@Service
class WebhookLog {

    static final String PING_TYPE = "rapport.webhooks.Ping.v1";

    private final MongoTemplate mongo;
    private final Aggregates aggregates;
    private final WebhookSubscriptionService subscriptions;
    private final WebhookQueue queue;
    private final WebhookFanOut fanOut;
    private final JsonMapper json;
    private final Clock clock;
    private final RemindersProperties.Webhooks config;

    WebhookLog(
            MongoTemplate mongo,
            Aggregates aggregates,
            WebhookSubscriptionService subscriptions,
            WebhookQueue queue,
            WebhookFanOut fanOut,
            JsonMapper json,
            Clock clock,
            RemindersProperties properties) {
        this.mongo = mongo;
        this.aggregates = aggregates;
        this.subscriptions = subscriptions;
        this.queue = queue;
        this.fanOut = fanOut;
        this.json = json;
        this.clock = clock;
        this.config = properties.webhooks();
    }

    /**
     * One page of the log, newest first.
     *
     * @param cursor the sequence number to start below, from the previous page's {@code nextCursor}
     */
    CursorPage<WebhookViews.Delivery> deliveries(IdentityAssertion caller, String id, String cursor, int limit) {
        subscriptions.find(caller, id);
        long last = queue.lastSequence(id);
        long from = last;
        if (cursor != null && !cursor.isBlank()) {
            try {
                from = Math.min(last, Long.parseLong(cursor) - 1);
            } catch (NumberFormatException e) {
                throw ApiException.invalidField("cursor", "must be a nextCursor of an earlier page");
            }
        }
        List<String> ids = new ArrayList<>();
        for (long sequence = from; sequence > 0 && sequence > from - limit; sequence--) {
            ids.add(WebhookDeliveryDocument.idOf(id, sequence));
        }
        List<WebhookViews.Delivery> page = ids.isEmpty()
                ? List.of()
                : mongo.find(query(where("_id").in(ids)), WebhookDeliveryDocument.class).stream()
                        .sorted(Comparator.comparingLong((WebhookDeliveryDocument d) -> d.sequence)
                                .reversed())
                        .map(WebhookViews.Delivery::of)
                        .toList();
        long lowest = from - limit + 1;
        return new CursorPage<>(page, last, lowest > 1 ? Long.toString(lowest) : null);
    }

    /** Queues a delivery that ended (delivered, failed, cancelled) again, with the same id and body. */
    WebhookViews.Delivery redeliver(IdentityAssertion caller, String id, String deliveryId) {
        WebhookSubscriptionService.Visible visible = subscriptions.find(caller, id);
        WebhookDeliveryDocument delivery = mongo.findById(deliveryId, WebhookDeliveryDocument.class);
        if (delivery == null || !id.equals(delivery.subscriptionId)) {
            throw ApiException.notFound("delivery", deliveryId);
        }
        if (!visible.subscription().active()) {
            throw WebhookSubscriptionService.notActive(visible.subscription());
        }
        if (delivery.pending()) {
            throw ApiException.conflict("the delivery is still pending: it is being attempted");
        }
        Instant now = clock.instant();
        delivery.redeliver(now, now.plus(config.retryFor()));
        aggregates.save(delivery);
        queue.enqueue(delivery, now);
        return WebhookViews.Delivery.of(delivery);
    }

    /** Queues a {@value #PING_TYPE} event to the subscription, to test the receiver. */
    WebhookViews.Delivery ping(IdentityAssertion caller, String id) {
        WebhookSubscriptionService.Visible visible = subscriptions.find(caller, id);
        if (!visible.subscription().active()) {
            throw WebhookSubscriptionService.notActive(visible.subscription());
        }
        String eventId = UUID.randomUUID().toString();
        Instant now = clock.instant();
        ObjectNode data = json.createObjectNode();
        data.put("eventId", eventId);
        data.put("occurredAt", now.toString());
        data.put("memberId", caller.memberId());
        data.put("tenantId", caller.tenantId());
        data.put("subscriptionId", id);
        ObjectNode event = json.createObjectNode();
        event.put("specversion", "1.0");
        event.put("id", eventId);
        event.put("source", "/rapport/reminders-service");
        event.put("type", PING_TYPE);
        event.put("subject", id);
        event.put("time", now.toString());
        event.put("datacontenttype", "application/json");
        event.set("data", data);
        return WebhookViews.Delivery.of(fanOut.deliver(
                visible.endpoints(),
                visible.subscription(),
                eventId,
                PING_TYPE,
                "ping",
                json.writeValueAsString(event)));
    }
}
