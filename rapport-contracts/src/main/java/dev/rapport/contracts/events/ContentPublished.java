package dev.rapport.contracts.events;

import java.time.Instant;
import java.util.List;

/** A content item went out; its topics drive interest matching. */
public record ContentPublished(
        String eventId,
        Instant occurredAt,
        String memberId,
        String tenantId,
        String itemId,
        String title,
        String channel,
        String url,
        List<String> topics,
        Instant publishedAt)
        implements ContentEvent {

    @Override
    public String subject() {
        return itemId;
    }
}
