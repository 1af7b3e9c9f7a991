package dev.rapport.contracts.events;

import java.time.Instant;

/** A content item got a publication slot. */
public record ContentScheduled(
        String eventId,
        Instant occurredAt,
        String memberId,
        String tenantId,
        String itemId,
        String title,
        String channel,
        Instant scheduledFor)
        implements ContentEvent {

    @Override
    public String subject() {
        return itemId;
    }
}
