package dev.rapport.content.items;

import dev.rapport.content.domain.ItemStatus;
import dev.rapport.support.events.OutboxDocument;
import java.time.Instant;
import java.util.List;
import org.springframework.data.mongodb.core.mapping.Document;

/** A content item of one member, as stored, with the events of its last changes in its outbox. */
@Document("content_items")
public class ContentItemDocument extends OutboxDocument {

    String title;
    String channel;
    String format;
    List<String> pillars = List.of();
    List<String> topics = List.of();
    String notes;
    ItemStatus status;
    Instant scheduledFor;
    Instant publishedAt;
    String url;
    /** The feed entry this item was published as (guid / Atom id), when a feed sync saw it. */
    String feedEntryKey;

    Instant createdAt;
    Instant updatedAt;

    protected ContentItemDocument() {}

    ContentItemDocument(String id, String memberId, String tenantId, Instant createdAt) {
        this.id = id;
        this.memberId = memberId;
        this.tenantId = tenantId;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    public String title() {
        return title;
    }

    public String channel() {
        return channel;
    }

    public String format() {
        return format;
    }

    public List<String> pillars() {
        return pillars;
    }

    public List<String> topics() {
        return topics;
    }

    public ItemStatus status() {
        return status;
    }

    public Instant scheduledFor() {
        return scheduledFor;
    }

    public Instant publishedAt() {
        return publishedAt;
    }

    public String url() {
        return url;
    }

    public String feedEntryKey() {
        return feedEntryKey;
    }
}
