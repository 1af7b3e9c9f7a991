package dev.rapport.contracts.events;

import java.time.Instant;

/** The member dismissed a reminder. */
public record ReminderDismissed(
        String eventId,
        Instant occurredAt,
        String memberId,
        String tenantId,
        String reminderId,
        String kind,
        String contactId)
        implements RemindersEvent {

    @Override
    public String subject() {
        return reminderId;
    }
}
