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
        String tier,
        List<String> tags,
        List<String> interests,
        String source)
        implements ContactsEvent {

    @Override
    public String subject() {
        return contactId;
    }
}
