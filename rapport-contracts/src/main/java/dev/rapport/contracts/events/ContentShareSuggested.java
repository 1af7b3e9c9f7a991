package dev.rapport.contracts.events;

import java.time.Instant;
import java.util.List;

/** Contacts whose interests match a piece of the member's published content, best first. */
public record ContentShareSuggested(
        String eventId,
        Instant occurredAt,
        String memberId,
        String tenantId,
        String itemId,
        String title,
        String url,
        List<String> topics,
        List<Suggestion> suggestions)
        implements ContactsEvent {

    /** This event with the header the write path stamps. */
    public ContentShareSuggested(
            EventHeader header,
            String itemId,
            String title,
            String url,
            List<String> topics,
            List<Suggestion> suggestions) {
        this(
                header.eventId(),
                header.occurredAt(),
                header.memberId(),
                header.tenantId(),
                itemId,
                title,
                url,
                topics,
                suggestions);
    }

    /** One contact worth sharing the content with, and the topics that matched. */
    public record Suggestion(String contactId, String displayName, List<String> matchedTopics) {}

    @Override
    public String subject() {
        return itemId;
    }
}
