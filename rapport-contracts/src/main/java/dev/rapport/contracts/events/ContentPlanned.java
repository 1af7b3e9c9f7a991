package dev.rapport.contracts.events;

import java.time.Instant;
import java.util.List;

/** A content item entered the member's plan. */
public record ContentPlanned(
        String eventId,
        Instant occurredAt,
        String memberId,
        String tenantId,
        String itemId,
        String title,
        String channel,
        ContentFormat format,
        List<String> pillars,
        List<String> topics)
        implements ContentEvent {

    /** This event with the header the write path stamps. */
    public ContentPlanned(
            EventHeader header,
            String itemId,
            String title,
            String channel,
            ContentFormat format,
            List<String> pillars,
            List<String> topics) {
        this(
                header.eventId(),
                header.occurredAt(),
                header.memberId(),
                header.tenantId(),
                itemId,
                title,
                channel,
                format,
                pillars,
                topics);
    }

    @Override
    public String subject() {
        return itemId;
    }
}
