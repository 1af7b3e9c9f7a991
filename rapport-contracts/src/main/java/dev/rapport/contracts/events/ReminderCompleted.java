package dev.rapport.contracts.events;

import java.time.Instant;

/** A reminder was done, by the member or by a matching interaction; {@code closedBy} says which. */
public record ReminderCompleted(
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
    public ReminderCompleted(
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
