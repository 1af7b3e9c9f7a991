package dev.rapport.support.events;

import java.time.Instant;

/**
 * An event waiting in its aggregate's outbox: already serialized, with everything the relay needs
 * to publish it as a CloudEvent.
 */
public record OutboxEntry(String eventId, String type, String subject, String key, Instant time, String data) {}
