package dev.rapport.contracts.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The daily digest reached the member's notification channel. */
public record DigestDelivered(
        String eventId,
        Instant occurredAt,
        String memberId,
        String tenantId,
        LocalDate digestDate,
        String channel,
        List<String> reminderIds)
        implements RemindersEvent {

    @Override
    public String subject() {
        return digestDate.toString();
    }
}
