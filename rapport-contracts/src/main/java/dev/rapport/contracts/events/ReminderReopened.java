package dev.rapport.contracts.events;

import java.time.Instant;

/**
 * A closed reminder is open again because its cause came back (a kept promise reopened, an archived contact
 * restored); {@code reopenedBy} says which.
 */
public record ReminderReopened(
        String eventId,
        Instant occurredAt,
        String memberId,
        String tenantId,
        String reminderId,
        ReminderKind kind,
        String contactId,
        ReopenedBy reopenedBy)
        implements RemindersEvent {

    /** This event with the header the write path stamps. */
    public ReminderReopened(
            EventHeader header, String reminderId, ReminderKind kind, String contactId, ReopenedBy reopenedBy) {
        this(
                header.eventId(),
                header.occurredAt(),
                header.memberId(),
                header.tenantId(),
                reminderId,
                kind,
                contactId,
                reopenedBy);
    }

    @Override
    public String subject() {
        return reminderId;
    }
}
