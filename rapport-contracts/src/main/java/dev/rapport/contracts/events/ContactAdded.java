package dev.rapport.contracts.events;

import java.time.Instant;
import java.util.List;

/** A contact entered the member's network (by hand, an import or the directory). */
public record ContactAdded(
        String eventId,
        Instant occurredAt,
        String memberId,
        String tenantId,
        String contactId,
        String displayName,
        ContactTier tier,
        List<String> tags,
        List<String> interests,
        String source)
        implements ContactsEvent {

    /** This event with the header the write path stamps. */
    public ContactAdded(
            EventHeader header,
            String contactId,
            String displayName,
            ContactTier tier,
            List<String> tags,
            List<String> interests,
            String source) {
        this(
                header.eventId(),
                header.occurredAt(),
                header.memberId(),
                header.tenantId(),
                contactId,
                displayName,
                tier,
                tags,
                interests,
                source);
    }

    @Override
    public String subject() {
        return contactId;
    }
}
