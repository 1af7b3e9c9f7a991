package dev.rapport.contracts.events;

import java.time.Instant;

/** A service purged everything it held of a member for an erasure request. */
public record MemberDataErased(
        String eventId, Instant occurredAt, String memberId, String tenantId, String requestId, String service)
        implements ContactsEvent, ContentEvent, RemindersEvent {

    /** This event with the header the write path stamps. */
    public MemberDataErased(EventHeader header, String requestId, String service) {
        this(header.eventId(), header.occurredAt(), header.memberId(), header.tenantId(), requestId, service);
    }

    @Override
    public String subject() {
        return requestId;
    }
}
