package dev.rapport.support.events;

import dev.rapport.support.RapportProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.function.cloudevent.CloudEventMessageBuilder;
import org.springframework.cloud.function.cloudevent.CloudEventMessageUtils;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaderMapper;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

/**
 * Publishes outbox entries to this service's topic as CloudEvents in Kafka binary mode, keyed by the member id,
 * with {@code acks=all} and an idempotent producer. A batch is sent asynchronously and waited for once: what
 * it answers is what the broker has.
 */
public class EventPublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventPublisher.class);

    private final KafkaTemplate<String, byte[]> kafka;
    private final KafkaHeaderMapper headers;
    private final String source;
    private final String topic;
    private final Duration timeout;
    private MeterRegistry meters = Metrics.globalRegistry;
    private EventTracing tracing = EventTracing.NONE;

    public EventPublisher(
            KafkaTemplate<String, byte[]> kafka,
            KafkaHeaderMapper headers,
            RapportProperties properties,
            Duration timeout) {
        this.kafka = kafka;
        this.headers = headers;
        this.source = properties.area().source();
        this.topic = properties.area().topic();
        this.timeout = timeout;
    }

    /**
     * Counts every event sent as {@code rapport.events.published} tagged with {@code type} and {@code outcome}
     * ({@code acknowledged}: the broker has it; {@code failed}: not sent or not acknowledged, the relay sends it
     * again).
     */
    public void bindMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    /**
     * Puts each entry's stored trace context on its record: the {@code traceparent} (and {@code tracestate}) of a
     * producer span that is a child of the change that recorded the event.
     */
    public void useTracing(EventTracing tracing) {
        this.tracing = tracing;
    }

    /** Sends one entry; throws when the broker did not accept it. */
    public void publish(OutboxEntry entry) {
        if (publishAll(List.of(entry)).isEmpty()) {
            throw new IllegalStateException("Kafka did not accept event " + entry.eventId());
        }
    }

    /**
     * Sends entries in order and waits once for all of them.
     *
     * @return the ids of the events the broker acknowledged; the others are to be sent again
     */
    public Set<String> publishAll(List<OutboxEntry> entries) {
        List<CompletableFuture<?>> sent = new ArrayList<>(entries.size());
        for (OutboxEntry entry : entries) {
            EventTracing.Publication publication = tracing.publishing(entry);
            try {
                sent.add(kafka.send(record(entry, publication.headers()))
                        .whenComplete((result, error) -> publication.end(error)));
            } catch (RuntimeException e) {
                publication.end(e);
                // Typically no metadata from a broker that is down: what follows would fail the same way.
                log.warn("Event {} not sent: {}", entry.eventId(), e.toString());
                for (int i = sent.size(); i < entries.size(); i++) {
                    count(entries.get(i), "failed");
                }
                break;
            }
        }
        Set<String> acknowledged = new LinkedHashSet<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < sent.size(); i++) {
            try {
                sent.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acknowledged.add(entries.get(i).eventId());
                count(entries.get(i), "acknowledged");
            } catch (ExecutionException | TimeoutException e) {
                log.warn("Event {} not acknowledged: {}", entries.get(i).eventId(), e.toString());
                count(entries.get(i), "failed");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return acknowledged;
    }

    private void count(OutboxEntry entry, String outcome) {
        meters.counter("rapport.events.published", "type", entry.type(), "outcome", outcome)
                .increment();
    }

    /** Flushes and closes the producer (at shutdown). */
    @Override
    public void close() {
        if (kafka != null) {
            kafka.getProducerFactory().reset();
        }
    }

    private ProducerRecord<String, byte[]> record(OutboxEntry entry, java.util.Map<String, String> trace) {
        Message<byte[]> cloudEvent = CloudEventMessageBuilder.withData(
                        entry.data().getBytes(StandardCharsets.UTF_8))
                .setId(entry.eventId())
                .setSource(source)
                .setType(entry.type())
                .setSubject(entry.subject())
                .setTime(OffsetDateTime.ofInstant(entry.time(), ZoneOffset.UTC))
                .setHeader(CloudEventHeaders.CONTENT_TYPE, "application/json")
                .setHeader("contentType", "application/json")
                .build(CloudEventMessageUtils.KAFKA_ATTR_PREFIX);
        // The builder keeps some attributes as objects (URI, OffsetDateTime); the Kafka binding wants strings.
        java.util.Map<String, Object> attributes = new java.util.LinkedHashMap<>();
        cloudEvent.getHeaders().forEach((name, value) -> {
            if (!MessageHeaders.ID.equals(name) && !MessageHeaders.TIMESTAMP.equals(name)) {
                attributes.put(name, value.toString());
            }
        });
        RecordHeaders recordHeaders = new RecordHeaders();
        headers.fromHeaders(new MessageHeaders(attributes), recordHeaders);
        // W3C trace context next to the CloudEvents attributes (the binding's distributed-tracing extension).
        trace.forEach((name, value) -> recordHeaders.add(name, value.getBytes(StandardCharsets.UTF_8)));
        return new ProducerRecord<>(topic, null, entry.key(), cloudEvent.getPayload(), recordHeaders);
    }
}
