package dev.rapport.contracts.events;

import java.time.Instant;

/** A reminder was dismissed, by the member or because its contact was archived; {@code closedBy} says which. */
public record ReminderDismissed(
        String eventId,
        Instant occurredAt,
        String memberId,
        String tenantId,
        String reminderId,
        ReminderKind kind,
        String contactId,
        ClosedBy closedBy)
        implements RemindersEvent {

    /** This event with the header the write path stamps. */
    public ReminderDismissed(
            EventHeader header, String reminderId, ReminderKind kind, String contactId, ClosedBy closedBy) {
        this(
                header.eventId(),
                header.occurredAt(),
                header.memberId(),
                header.tenantId(),
                reminderId,
                kind,
                contactId,
                closedBy);
    }

    @Override
    public String subject() {
        return reminderId;
    }
}
