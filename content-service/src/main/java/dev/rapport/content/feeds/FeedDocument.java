package dev.rapport.content.feeds;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** A blog feed a member registered, with the outcome of its last sync. */
@Document("content_feeds")
class FeedDocument {

    @Id
    String id;

    String memberId;
    String tenantId;
    String url;
    String channel;
    Instant createdAt;
    Instant lastSyncedAt;
    String lastStatus;
    String lastError;
    int lastEntries;
    /** When the background sync may next take this feed; taking it moves this forward (the claim). */
    Instant nextSyncAt;
}
