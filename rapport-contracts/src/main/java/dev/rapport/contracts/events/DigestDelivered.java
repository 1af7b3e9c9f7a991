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
        NotificationChannel channel,
        List<String> reminderIds)
        implements RemindersEvent {

    /** This event with the header the write path stamps. */
    public DigestDelivered(
            EventHeader header, LocalDate digestDate, NotificationChannel channel, List<String> reminderIds) {
        this(
                header.eventId(),
                header.occurredAt(),
                header.memberId(),
                header.tenantId(),
                digestDate,
                channel,
                reminderIds);
    }

    @Override
    public String subject() {
        return digestDate.toString();
    }
}
