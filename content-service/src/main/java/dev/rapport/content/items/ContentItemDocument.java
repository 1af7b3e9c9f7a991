package dev.rapport.content.items;

import dev.rapport.content.domain.ItemStatus;
import dev.rapport.contracts.events.ContentFormat;
import dev.rapport.contracts.events.ContentPlanned;
import dev.rapport.contracts.events.ContentPublished;
import dev.rapport.contracts.events.ContentScheduled;
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

    /** Schedules the item for {@code slot} with {@code ContentScheduled}. */
    void schedule(Instant slot) {
        status = ItemStatus.SCHEDULED;
        scheduledFor = slot;
        recordScheduled();
    }

    /** Marks the item published at {@code at} with {@code ContentPublished}; it leaves its slot. */
    void publish(Instant at) {
        status = ItemStatus.PUBLISHED;
        publishedAt = at;
        scheduledFor = null;
        recordPublished();
    }

    /** Records {@code ContentPlanned} in the item's outbox. */
    void recordPlanned() {
        record(h -> new ContentPlanned(h, getId(), title, channel, contentFormat(), pillars, topics));
    }

    /** Records {@code ContentScheduled} in the item's outbox. */
    void recordScheduled() {
        record(h -> new ContentScheduled(h, getId(), title, channel, scheduledFor));
    }

    /** Records {@code ContentPublished} in the item's outbox. */
    void recordPublished() {
        record(h ->
                new ContentPublished(h, getId(), title, channel, url, topics, publishedAt, contentFormat(), pillars));
    }

    /** The item's format as the events carry it (items stored before formats existed have none). */
    private ContentFormat contentFormat() {
        return format == null ? null : ContentFormat.of(format);
    }
}
