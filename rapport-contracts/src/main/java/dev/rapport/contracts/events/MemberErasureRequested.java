package dev.rapport.contracts.events;

import java.time.Instant;

/** The member asked to be forgotten: every service purges their data and confirms with MemberDataErased. */
public record MemberErasureRequested(
        String eventId, Instant occurredAt, String memberId, String tenantId, String requestId)
        implements ContactsEvent {

    @Override
    public String subject() {
        return requestId;
    }
}
