package dev.rapport.contracts.events;

import java.time.Instant;

/** A service purged everything it held of a member for an erasure request. */
public record MemberDataErased(
        String eventId, Instant occurredAt, String memberId, String tenantId, String requestId, String service)
        implements ContactsEvent, ContentEvent, RemindersEvent {

    @Override
    public String subject() {
        return requestId;
    }
}
