package dev.rapport.contracts.events;

import java.time.Instant;
import java.util.List;

/**
 * A content item went out; its topics (and pillars) drive interest matching.
 *
 * @param format what kind of item it is (article, post, tips …); null from producers older than the field
 * @param pillars the member's content pillars the item belongs to; may be empty
 */
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
        Instant publishedAt,
        ContentFormat format,
        List<String> pillars)
        implements ContentEvent {

    /** This event with the header the write path stamps. */
    public ContentPublished(
            EventHeader header,
            String itemId,
            String title,
            String channel,
            String url,
            List<String> topics,
            Instant publishedAt,
            ContentFormat format,
            List<String> pillars) {
        this(
                header.eventId(),
                header.occurredAt(),
                header.memberId(),
                header.tenantId(),
                itemId,
                title,
                channel,
                url,
                topics,
                publishedAt,
                format,
                pillars);
    }

    /** The first version of the record, without format and pillars (kept so existing callers compile). */
    public ContentPublished(
            String eventId,
            Instant occurredAt,
            String memberId,
            String tenantId,
            String itemId,
            String title,
            String channel,
            String url,
            List<String> topics,
            Instant publishedAt) {
        this(
                eventId,
                occurredAt,
                memberId,
                tenantId,
                itemId,
                title,
                channel,
                url,
                topics,
                publishedAt,
                null,
                List.of());
    }

    @Override
    public String subject() {
        return itemId;
    }
}
