package dev.rapport.contracts.events;

import java.time.Instant;

/** A contact was archived: no more reminders about them. */
public record ContactArchived(
        String eventId, Instant occurredAt, String memberId, String tenantId, String contactId, String displayName)
        implements ContactsEvent {

    @Override
    public String subject() {
        return contactId;
    }
}
