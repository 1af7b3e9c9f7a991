package dev.rapport.contracts.events;

import java.time.Instant;

/**
 * What every event carries besides its own facts: its id, when it happened, and whose it is. The services'
 * write path stamps it in one place (a fresh id, the write's time, the aggregate's member and tenant); every
 * event record has a constructor that takes it first.
 */
public record EventHeader(String eventId, Instant occurredAt, String memberId, String tenantId) {

    public EventHeader {
        if (eventId == null || eventId.isBlank() || occurredAt == null || memberId == null || tenantId == null) {
            throw new IllegalArgumentException("an event header needs an id, a time, a member and a tenant");
        }
    }

    /** The same header for a fact that happened at {@code time} (a sweep's instant, say), not at the write. */
    public EventHeader at(Instant time) {
        return new EventHeader(eventId, time, memberId, tenantId);
    }

    /** The same header with another event id (for events whose id is derived from their cause). */
    public EventHeader withEventId(String id) {
        return new EventHeader(id, occurredAt, memberId, tenantId);
    }
}
