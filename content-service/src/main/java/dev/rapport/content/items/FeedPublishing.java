package dev.rapport.content.items;

import dev.rapport.content.domain.FeedEntry;
import dev.rapport.content.domain.ItemStatus;
import dev.rapport.support.events.Aggregates;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

/** What the blog-feed sync changes in a member's content items: a planned item published, an unplanned post added. */
@Service
public class FeedPublishing {

    private final MongoTemplate mongo;
    private final Aggregates aggregates;
    private final Clock clock;

    FeedPublishing(MongoTemplate mongo, Aggregates aggregates, Clock clock) {
        this.mongo = mongo;
        this.aggregates = aggregates;
        this.clock = clock;
    }

    /** Marks a planned item published because the member's feed shows it went out. */
    public void publishFromFeed(String memberId, String itemId, FeedEntry entry) {
        ContentItemDocument item = mongo.findById(itemId, ContentItemDocument.class);
        if (item == null
                || !memberId.equals(item.getMemberId())
                || item.status == ItemStatus.PUBLISHED
                || item.status == ItemStatus.ARCHIVED) {
            return;
        }
        Instant now = clock.instant();
        // The feed proves the item is out, whatever stage the plan had it at (an idea written straight away).
        item.status = ItemStatus.PUBLISHED;
        item.publishedAt = entry.publishedAt() == null || entry.publishedAt().isAfter(now) ? now : entry.publishedAt();
        item.url = entry.url() == null ? item.url : entry.url();
        item.feedEntryKey = entry.key();
        // The blog's categories say what the post turned out to be about: they join the planned topics.
        List<String> topics = new ArrayList<>(item.topics);
        topics.addAll(entry.categories());
        item.topics = ContentItemService.topics(topics);
        item.scheduledFor = null;
        item.updatedAt = now;
        item.recordPublished();
        aggregates.save(item);
    }

    /**
     * Adds a feed entry nothing in the plan matched, as a published item with an id derived from the entry so
     * that concurrent or repeated syncs add it once.
     *
     * @param announce whether to publish ContentPlanned and ContentPublished (not for old history imported on a
     *     feed's first sync: it is not news to share)
     * @return whether the item was added now
     */
    public boolean addFromFeed(
            String memberId, String tenantId, String itemId, String channel, FeedEntry entry, boolean announce) {
        Instant now = clock.instant();
        ContentItemDocument item = new ContentItemDocument(itemId, memberId, tenantId, now);
        item.title = entry.title() == null || entry.title().isBlank()
                ? entry.url()
                : entry.title().trim();
        item.channel = channel;
        item.format = "article";
        item.topics = ContentItemService.topics(entry.categories());
        item.status = ItemStatus.PUBLISHED;
        item.publishedAt = entry.publishedAt() == null || entry.publishedAt().isAfter(now) ? now : entry.publishedAt();
        item.url = entry.url();
        item.feedEntryKey = entry.key();
        if (announce) {
            item.recordPlanned();
            item.recordPublished();
        }
        try {
            aggregates.insert(item);
            return true;
        } catch (DuplicateKeyException alreadyAdded) {
            return false;
        }
    }
}
