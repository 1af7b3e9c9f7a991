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
        String format,
        List<String> pillars,
        List<String> topics)
        implements ContentEvent {

    @Override
    public String subject() {
        return itemId;
    }
}
