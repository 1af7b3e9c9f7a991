package dev.rapport.contracts.events;

import java.time.Instant;

/** The member asked to be forgotten: every service purges their data and confirms with MemberDataErased. */
public record MemberErasureRequested(
        String eventId, Instant occurredAt, String memberId, String tenantId, String requestId)
        implements ContactsEvent {

    /** This event with the header the write path stamps. */
    public MemberErasureRequested(EventHeader header, String requestId) {
        this(header.eventId(), header.occurredAt(), header.memberId(), header.tenantId(), requestId);
    }

    @Override
    public String subject() {
        return requestId;
    }
}
