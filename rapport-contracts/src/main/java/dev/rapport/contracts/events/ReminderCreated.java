package dev.rapport.contracts.events;

import java.time.Instant;
import java.time.LocalDate;

/** A reminder was created for the member. */
public record ReminderCreated(
        String eventId,
        Instant occurredAt,
        String memberId,
        String tenantId,
        String reminderId,
        ReminderKind kind,
        String contactId,
        LocalDate dueOn,
        String title)
        implements RemindersEvent {

    /** This event with the header the write path stamps. */
    public ReminderCreated(
            EventHeader header, String reminderId, ReminderKind kind, String contactId, LocalDate dueOn, String title) {
        this(
                header.eventId(),
                header.occurredAt(),
                header.memberId(),
                header.tenantId(),
                reminderId,
                kind,
                contactId,
                dueOn,
                title);
    }

    @Override
    public String subject() {
        return reminderId;
    }
}
