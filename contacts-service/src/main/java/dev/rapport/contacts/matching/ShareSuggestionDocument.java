package dev.rapport.contacts.matching;

import dev.rapport.support.events.OutboxDocument;
import java.time.Instant;
import java.util.List;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The share suggestions made for one published content item; its id is derived from the member and
 * the item, so a redelivered or repeated {@code ContentPublished} never suggests twice.
 */
@Document("share_suggestions")
public class ShareSuggestionDocument extends OutboxDocument {

    String itemId;
    String sourceEventId;
    List<String> contactIds;
    Instant createdAt;

    protected ShareSuggestionDocument() {}

    ShareSuggestionDocument(String memberId, String tenantId, String itemId) {
        this.id = idOf(memberId, itemId);
        this.memberId = memberId;
        this.tenantId = tenantId;
        this.itemId = itemId;
    }

    static String idOf(String memberId, String itemId) {
        return "share:" + memberId + ":" + itemId;
    }
}
