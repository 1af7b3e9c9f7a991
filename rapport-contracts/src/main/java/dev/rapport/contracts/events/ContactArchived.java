package dev.rapport.contracts.events;

import java.time.Instant;

/** A contact was archived: no more reminders about them. */
public record ContactArchived(
        String eventId, Instant occurredAt, String memberId, String tenantId, String contactId, String displayName)
        implements ContactsEvent {

    /** This event with the header the write path stamps. */
    public ContactArchived(EventHeader header, String contactId, String displayName) {
        this(header.eventId(), header.occurredAt(), header.memberId(), header.tenantId(), contactId, displayName);
    }

    @Override
    public String subject() {
        return contactId;
    }
}
