package dev.rapport.support.events;

import java.time.Instant;

/**
 * An event waiting in its aggregate's outbox: already serialized, with everything the relay needs
 * to publish it as a CloudEvent, and the W3C trace context of the change that recorded it ({@code traceparent}
 * and {@code tracestate}, null when it was made outside any trace), which the relay puts on the Kafka record.
 */
public record OutboxEntry(
        String eventId,
        String type,
        String subject,
        String key,
        Instant time,
        String data,
        String traceparent,
        String tracestate) {

    /** An entry made outside any trace. */
    public OutboxEntry(String eventId, String type, String subject, String key, Instant time, String data) {
        this(eventId, type, subject, key, time, data, null, null);
    }
}
