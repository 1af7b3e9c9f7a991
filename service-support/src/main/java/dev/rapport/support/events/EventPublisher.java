package dev.rapport.support.events;

import dev.rapport.support.RapportProperties;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.cloud.function.cloudevent.CloudEventMessageBuilder;
import org.springframework.cloud.function.cloudevent.CloudEventMessageUtils;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Publishes outbox entries to this service's topic as CloudEvents in Kafka binary mode, keyed by
 * the member id. The binding is synchronous with {@code acks=all} and an idempotent producer, so
 * a return means the broker has the record.
 */
public class EventPublisher {

    /** The output binding every service publishes through. */
    public static final String BINDING = "events-out-0";

    private final StreamBridge bridge;
    private final String source;

    public EventPublisher(StreamBridge bridge, RapportProperties properties) {
        this.bridge = bridge;
        this.source = properties.area().source();
    }

    /** Sends one entry; throws when the broker did not accept it. */
    public void publish(OutboxEntry entry) {
        Message<byte[]> cloudEvent = CloudEventMessageBuilder.withData(
                        entry.data().getBytes(StandardCharsets.UTF_8))
                .setId(entry.eventId())
                .setSource(source)
                .setType(entry.type())
                .setSubject(entry.subject())
                .setTime(OffsetDateTime.ofInstant(entry.time(), ZoneOffset.UTC))
                .setHeader(KafkaHeaders.KEY, entry.key())
                .setHeader(CloudEventHeaders.CONTENT_TYPE, "application/json")
                .build(CloudEventMessageUtils.KAFKA_ATTR_PREFIX);
        // The builder keeps some attributes as objects (URI, OffsetDateTime); the Kafka binding wants strings.
        MessageBuilder<byte[]> message = MessageBuilder.withPayload(cloudEvent.getPayload());
        cloudEvent.getHeaders().forEach((name, value) -> {
            if (name.startsWith(CloudEventMessageUtils.KAFKA_ATTR_PREFIX)) {
                message.setHeader(name, value.toString());
            } else if (!MessageHeaders.ID.equals(name) && !MessageHeaders.TIMESTAMP.equals(name)) {
                message.setHeader(name, value);
            }
        });
        if (!bridge.send(BINDING, message.build())) {
            throw new IllegalStateException("Kafka did not accept event " + entry.eventId());
        }
    }
}
