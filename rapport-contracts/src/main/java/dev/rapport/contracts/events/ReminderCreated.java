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
        String kind,
        String contactId,
        LocalDate dueOn,
        String title)
        implements RemindersEvent {

    @Override
    public String subject() {
        return reminderId;
    }
}
