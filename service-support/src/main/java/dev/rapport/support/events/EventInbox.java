package dev.rapport.support.events;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import dev.rapport.contracts.events.DomainEvent;
import dev.rapport.contracts.events.EventCatalog;
import dev.rapport.support.RapportProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.function.Consumer;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.Message;
import org.springframework.scheduling.annotation.Scheduled;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns an {@link EventHandler} into the Kafka consumer of a service: reads the CloudEvent,
 * skips event ids already processed, and records each processed id.
 *
 * <p>Unknown types are ignored (a newer producer may publish types this build does not know), and so are
 * values of a closed vocabulary this build does not know: such a field reads as null (absent), so a newer
 * producer's new interaction kind or reminder kind never dead-letters the event;
 * records that are not readable Rapport CloudEvents throw {@link MalformedEventException}; a
 * failing record is retried a bounded number of times with backoff, then dead-lettered, and the
 * consumer goes on with the next record.
 */
public class EventInbox {

    static final String COLLECTION = "processed_events";
    private static final Logger log = LoggerFactory.getLogger(EventInbox.class);

    private final MongoTemplate mongo;
    private final JsonMapper json;
    private final Clock clock;
    private final MeterRegistry meters;
    private final RapportProperties.Inbox settings;
    private EventTracing tracing = EventTracing.NONE;

    public EventInbox(
            MongoTemplate mongo, JsonMapper json, Clock clock, MeterRegistry meters, RapportProperties properties) {
        this.mongo = mongo;
        // The tolerant reader: an enum value from a newer producer reads as null instead of failing the record.
        this.json = json.rebuild()
                .enable(EnumFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
                .build();
        this.clock = clock;
        this.meters = meters;
        this.settings = properties.inbox();
    }

    /**
     * Handles each event in a span that continues the trace of its record's {@code traceparent}: the log lines of
     * the handling carry its ids, and the events the handler records carry its context onward.
     */
    public void useTracing(EventTracing tracing) {
        this.tracing = tracing;
    }

    /** The consumer function to expose as the {@code inbox} bean. */
    public Consumer<Message<byte[]>> consumer(EventHandler handler) {
        return message -> receive(message, handler);
    }

    void receive(Message<byte[]> message, EventHandler handler) {
        String id = CloudEventHeaders.get(message, CloudEventHeaders.ID);
        String type = CloudEventHeaders.get(message, CloudEventHeaders.TYPE);
        if (id == null || id.isBlank() || type == null || type.isBlank()) {
            count("malformed", "none");
            throw new MalformedEventException("not a CloudEvent: ce_id and ce_type are required", null);
        }
        Optional<Class<? extends DomainEvent>> eventClass = EventCatalog.classOf(type);
        if (eventClass.isEmpty()) {
            count("ignored", type);
            log.debug("Ignoring event {} of unknown type {}", id, type);
            return;
        }
        if (alreadyProcessed(id)) {
            count("duplicate", type);
            log.info("Skipping event {} ({}): already processed", id, type);
            return;
        }
        DomainEvent event = read(message.getPayload(), eventClass.get(), id, type);
        tracing.handling(type, id, header -> CloudEventHeaders.get(message, header), () -> {
            try (var ignored = MDC.putCloseable("eventId", id)) {
                handler.handle(event);
                log.info("Handled event {} ({})", id, type);
            }
            return null;
        });
        markProcessed(id, type);
        count("processed", type);
    }

    private DomainEvent read(byte[] payload, Class<? extends DomainEvent> eventClass, String id, String type) {
        DomainEvent event;
        try {
            event = json.readValue(payload, eventClass);
        } catch (JacksonException e) {
            count("malformed", type);
            throw new MalformedEventException("event " + id + " of type " + type + " has unreadable data", e);
        }
        if (event == null || !id.equals(event.eventId()) || event.memberId() == null) {
            count("malformed", type);
            throw new MalformedEventException(
                    "event " + id + " of type " + type + " lacks a matching eventId or a memberId", null);
        }
        return event;
    }

    private boolean alreadyProcessed(String id) {
        return mongo.getCollection(COLLECTION).find(Filters.eq("_id", id)).first() != null;
    }

    private void markProcessed(String id, String type) {
        try {
            mongo.getCollection(COLLECTION)
                    .insertOne(new Document("_id", id)
                            .append("type", type)
                            .append("processedAt", Date.from(clock.instant())));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    /** Forgets processed ids older than the retention (the embedded store has no TTL indexes). */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    public void purgeExpired() {
        Instant cutoff = clock.instant().minus(settings.retention());
        mongo.getCollection(COLLECTION).deleteMany(Filters.lt("processedAt", Date.from(cutoff)));
    }

    private void count(String outcome, String type) {
        meters.counter("rapport.events.consumed", "outcome", outcome, "type", type)
                .increment();
    }
}
