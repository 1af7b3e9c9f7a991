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

    /** This event with the header the write path stamps. */
    public ContentScheduled(EventHeader header, String itemId, String title, String channel, Instant scheduledFor) {
        this(
                header.eventId(),
                header.occurredAt(),
                header.memberId(),
                header.tenantId(),
                itemId,
                title,
                channel,
                scheduledFor);
    }

    @Override
    public String subject() {
        return itemId;
    }
}
