package dev.rapport.support.events;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import dev.rapport.contracts.events.DomainEvent;
import dev.rapport.contracts.events.EventCatalog;
import dev.rapport.support.RapportProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.function.Consumer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.dao.DataAccessResourceFailureException;
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
 * <p>Types the handler does not act on ({@link EventHandler#actsOn}) are skipped before any store operation.
 * Unknown types are ignored (a newer producer may publish types this build does not know), and so are
 * values of a closed vocabulary this build does not know: such a field reads as null (absent), so a newer
 * producer's new interaction kind or reminder kind never dead-letters the event;
 * records that are not readable Rapport CloudEvents throw {@link MalformedEventException} (dead-lettered
 * at once: reading them again cannot help); a failing record is retried a bounded number of times with
 * backoff, then dead-lettered, and the consumer goes on with the next record. An unavailable store is
 * not the record's fault: the record waits for it (up to {@link #STORE_OUTAGE_WAIT} per delivery).
 */
public class EventInbox {

    static final String COLLECTION = "processed_events";

    /**
     * How long one delivery of a record waits for an unavailable store before it fails like any other error (then
     * the binder's bounded retries, then the dead-letter topic). The binder makes 3 attempts: 3 × 90 s stays under
     * Kafka's {@code max.poll.interval.ms} (5 minutes), so a longer outage costs a rebalance and a redelivery, not
     * the record.
     */
    static final Duration STORE_OUTAGE_WAIT = Duration.ofSeconds(90);

    private static final Duration STORE_RETRY_PAUSE = Duration.ofMillis(500);
    private static final Logger log = LoggerFactory.getLogger(EventInbox.class);

    private final MongoTemplate mongo;
    private final JsonMapper json;
    private final Clock clock;
    private final MeterRegistry meters;
    private final RapportProperties.Inbox settings;
    private EventTracing tracing = EventTracing.NONE;
    private final Duration storeOutageWait;

    public EventInbox(
            MongoTemplate mongo, JsonMapper json, Clock clock, MeterRegistry meters, RapportProperties properties) {
        this(mongo, json, clock, meters, properties, STORE_OUTAGE_WAIT);
    }

    EventInbox(
            MongoTemplate mongo,
            JsonMapper json,
            Clock clock,
            MeterRegistry meters,
            RapportProperties properties,
            Duration storeOutageWait) {
        this.storeOutageWait = storeOutageWait;
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
        return new Routed(handler);
    }

    /**
     * The inbox of one handler: a consumer function that can also tell, from a record's type alone, that the handler
     * does not act on it, so that the binder drops such a record before turning it into a message
     * ({@code RapportServiceAutoConfiguration.inboxSkipsWhatItDoesNotActOn}): a topic carries every event of its
     * producer, and most of them are not a given consumer's business.
     */
    public final class Routed implements Consumer<Message<byte[]>> {

        private final EventHandler handler;

        private Routed(EventHandler handler) {
            this.handler = handler;
        }

        @Override
        public void accept(Message<byte[]> message) {
            receive(message, handler);
        }

        /**
         * Whether a record of type {@code type} (its {@code ce_type}; null when it has none) is one the handler does
         * not act on: a known type, not routed. Counted as {@code not-acted-on} when it is. A record without a type or
         * of an unknown one is not skipped here: the inbox dead-letters or ignores it as it always does.
         */
        public boolean skips(String type) {
            if (type == null || type.isBlank()) {
                return false;
            }
            Optional<Class<? extends DomainEvent>> eventClass = EventCatalog.classOf(type);
            return eventClass.isPresent() && notActedOn(handler, eventClass.get(), type);
        }
    }

    /** Whether {@code handler} does nothing with events of {@code eventClass}; counted as {@code not-acted-on}. */
    private boolean notActedOn(EventHandler handler, Class<? extends DomainEvent> eventClass, String type) {
        if (handler.actsOn(eventClass)) {
            return false;
        }
        count("not-acted-on", type);
        return true;
    }

    void receive(Message<byte[]> message, EventHandler handler) {
        long deadline = System.nanoTime() + storeOutageWait.toNanos();
        while (true) {
            try {
                receiveOnce(message, handler);
                return;
            } catch (RuntimeException e) {
                if (!storeUnavailable(e) || System.nanoTime() > deadline) {
                    throw e;
                }
                // The store is down: no record can be processed, and retrying this one a few times and then
                // dead-lettering it would lose it for a reason that has nothing to do with the record. The record
                // is tried again once the store answers a ping (polled, each ping waiting for a server as long as
                // the driver's server selection timeout), within the same deadline.
                count("store-unavailable", String.valueOf(CloudEventHeaders.get(message, CloudEventHeaders.TYPE)));
                log.warn(
                        "The store is unavailable while consuming event {}: trying again (not dead-lettered): {}",
                        CloudEventHeaders.get(message, CloudEventHeaders.ID),
                        e.toString());
                long left = deadline - System.nanoTime();
                if (left <= STORE_RETRY_PAUSE.toNanos()) {
                    throw e; // no time left for another attempt
                }
                try {
                    Awaitility.await("the store answering")
                            .atMost(Duration.ofNanos(left))
                            .pollDelay(STORE_RETRY_PAUSE)
                            .pollInterval(STORE_RETRY_PAUSE)
                            .until(this::storeAnswers);
                } catch (ConditionTimeoutException stillDown) {
                    throw e;
                }
            }
        }
    }

    private boolean storeAnswers() {
        try {
            mongo.executeCommand(new Document("ping", 1));
            return true;
        } catch (RuntimeException e) {
            if (storeUnavailable(e)) {
                return false;
            }
            throw e;
        }
    }

    /** Whether {@code failure} (or a cause) says that MongoDB cannot be reached, rather than that the record is bad. */
    static boolean storeUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException
                    || cause instanceof MongoTimeoutException
                    || cause instanceof MongoSocketException) {
                return true;
            }
        }
        return false;
    }

    private void receiveOnce(Message<byte[]> message, EventHandler handler) {
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
        if (notActedOn(handler, eventClass.get(), type)) {
            // Nothing to do, so nothing to remember: no processed check, no erasure check, no mark.
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
    @Scheduled(
            fixedDelayString = "#{@'" + RapportProperties.BEAN + "'.inbox().purgeInterval()}",
            initialDelayString = "PT1M")
    public void purgeExpired() {
        Instant cutoff = clock.instant().minus(settings.retention());
        mongo.getCollection(COLLECTION).deleteMany(Filters.lt("processedAt", Date.from(cutoff)));
    }

    private void count(String outcome, String type) {
        meters.counter("rapport.events.consumed", "outcome", outcome, "type", type)
                .increment();
    }
}
