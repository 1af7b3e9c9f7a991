package dev.rapport.reminders.webhooks;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import dev.rapport.contracts.events.EventCatalog;
import dev.rapport.contracts.events.MemberDataErased;
import dev.rapport.contracts.events.MemberErasureRequested;
import dev.rapport.reminders.RemindersProperties;
import dev.rapport.reminders.webhooks.WebhookEndpointsDocument.Subscription;
import dev.rapport.reminders.webhooks.domain.EventTypeFilter;
import dev.rapport.support.events.Aggregates;
import dev.rapport.support.events.CloudEventHeaders;
import dev.rapport.support.events.MalformedEventException;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.Message;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns the events of contacts.events, content.events and reminders.events into deliveries for the subscriptions
 * of the member they are about, in its own consumer group ({@code webhooks-in-0}), so that webhook work never holds
 * back reminders. Most members have no subscription: one primary-key lookup per event. The CloudEvent id keeps a
 * redelivered record from queueing a second delivery.
 */
@Configuration
public class WebhookFanOut {

    /** Events about the platform's own bookkeeping, not the member's data. */
    private static final Set<String> INTERNAL = Set.of(
            EventCatalog.typeName(EventCatalog.Area.CONTACTS, MemberErasureRequested.class),
            EventCatalog.typeName(EventCatalog.Area.CONTACTS, MemberDataErased.class),
            EventCatalog.typeName(EventCatalog.Area.REMINDERS, MemberDataErased.class),
            EventCatalog.typeName(EventCatalog.Area.CONTENT, MemberDataErased.class));

    private final MongoTemplate mongo;
    private final Aggregates aggregates;
    private final WebhookQueue queue;
    private final JsonMapper json;
    private final Clock clock;
    private final RemindersProperties.Webhooks config;

    WebhookFanOut(
            MongoTemplate mongo,
            Aggregates aggregates,
            WebhookQueue queue,
            JsonMapper json,
            Clock clock,
            RemindersProperties properties) {
        this.mongo = mongo;
        this.aggregates = aggregates;
        this.queue = queue;
        this.json = json;
        this.clock = clock;
        this.config = properties.webhooks();
    }

    @Bean
    Consumer<Message<byte[]>> webhooks() {
        return this::receive;
    }

    void receive(Message<byte[]> message) {
        String id = CloudEventHeaders.get(message, CloudEventHeaders.ID);
        String type = CloudEventHeaders.get(message, CloudEventHeaders.TYPE);
        if (id == null || id.isBlank() || type == null || type.isBlank()) {
            throw new MalformedEventException("not a CloudEvent: ce_id and ce_type are required", null);
        }
        if (EventCatalog.classOf(type).isEmpty() || INTERNAL.contains(type)) {
            return; // a type this build does not know, or not the member's data
        }
        JsonNode data;
        try {
            data = json.readTree(message.getPayload());
        } catch (JacksonException e) {
            throw new MalformedEventException("event " + id + " of type " + type + " has unreadable data", e);
        }
        JsonNode member = data == null ? null : data.get("memberId");
        if (member == null || !member.isString()) {
            throw new MalformedEventException("event " + id + " of type " + type + " lacks a memberId", null);
        }
        WebhookEndpointsDocument endpoints = mongo.findById(member.asString(), WebhookEndpointsDocument.class);
        if (endpoints == null) {
            return;
        }
        JsonNode tenant = data.get("tenantId");
        if (tenant != null && tenant.isString() && !tenant.asString().equals(endpoints.getTenantId())) {
            return; // the same member id in another tenant is another person
        }
        String subject = CloudEventHeaders.get(message, CloudEventHeaders.SUBJECT);
        String body = null;
        for (Subscription subscription : endpoints.subscriptions) {
            if (subscription.active()
                    && new EventTypeFilter(subscription.types).wants(type)
                    && EventTypeFilter.readable(type, subscription.scopes)) {
                if (body == null) {
                    body = envelope(message, id, type, subject, data);
                }
                deliver(endpoints, subscription, id, type, subject, body);
            }
        }
    }

    /** Queues one delivery, unless this event is queued for this subscription already (then only re-queues it). */
    WebhookDeliveryDocument deliver(
            WebhookEndpointsDocument endpoints,
            Subscription subscription,
            String eventId,
            String type,
            String subject,
            String body) {
        String dedupeKey = subscription.id + "/" + eventId;
        WebhookDeliveryDocument existing =
                mongo.findOne(query(where("dedupeKey").is(dedupeKey)), WebhookDeliveryDocument.class);
        Instant now = clock.instant();
        if (existing != null) {
            if (existing.pending()) {
                queue.enqueue(existing, now); // a crash between storing and queueing
            }
            return existing;
        }
        WebhookDeliveryDocument delivery = new WebhookDeliveryDocument(
                endpoints.getMemberId(),
                endpoints.getTenantId(),
                subscription.id,
                queue.nextSequence(endpoints.getMemberId(), subscription.id));
        delivery.dedupeKey = dedupeKey;
        delivery.eventId = eventId;
        delivery.eventType = type;
        delivery.subject = subject;
        delivery.lane = WebhookDeliveryDocument.laneOf(subscription.id, subject);
        delivery.createdAt = now;
        delivery.nextAttemptAt = now;
        delivery.deadline = now.plus(config.retryFor());
        delivery.body = body;
        try {
            aggregates.insert(delivery);
        } catch (DuplicateKeyException raced) {
            return mongo.findOne(query(where("dedupeKey").is(dedupeKey)), WebhookDeliveryDocument.class);
        }
        queue.enqueue(delivery, now);
        return delivery;
    }

    /** The event as a CloudEvents 1.0 structured-mode JSON document. */
    private String envelope(Message<byte[]> message, String id, String type, String subject, JsonNode data) {
        ObjectNode event = json.createObjectNode();
        event.put("specversion", "1.0");
        event.put("id", id);
        String source = CloudEventHeaders.get(message, CloudEventHeaders.SOURCE);
        event.put("source", source != null ? source : "/rapport/" + type.split("\\.")[1] + "-service");
        event.put("type", type);
        if (subject != null) {
            event.put("subject", subject);
        }
        String time = CloudEventHeaders.get(message, CloudEventHeaders.TIME);
        if (time != null) {
            event.put("time", time);
        }
        event.put("datacontenttype", "application/json");
        event.set("data", data);
        return json.writeValueAsString(event);
    }
}
