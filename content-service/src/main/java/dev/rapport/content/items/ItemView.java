package dev.rapport.content.items;

import java.time.Instant;
import java.util.List;

/** A content item as the API shows it. */
record ItemView(
        String id,
        String title,
        String channel,
        String format,
        List<String> pillars,
        List<String> topics,
        String notes,
        String status,
        Instant scheduledFor,
        Instant publishedAt,
        String url,
        boolean fromFeed,
        Instant createdAt,
        Instant updatedAt) {

    static ItemView of(ContentItemDocument item) {
        return new ItemView(
                item.getId(),
                item.title,
                item.channel,
                item.format,
                item.pillars,
                item.topics,
                item.notes,
                item.status.id(),
                item.scheduledFor,
                item.publishedAt,
                item.url,
                item.feedEntryKey != null,
                item.createdAt,
                item.updatedAt);
    }
}
