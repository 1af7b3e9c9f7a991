package dev.rapport.contracts.events;

import java.time.Instant;

/** A notification could not be delivered after its retries. */
public record NotificationFailed(
        String eventId,
        Instant occurredAt,
        String memberId,
        String tenantId,
        String notificationId,
        NotificationChannel channel,
        String reason,
        int attempts)
        implements RemindersEvent {

    /** This event with the header the write path stamps. */
    public NotificationFailed(
            EventHeader header, String notificationId, NotificationChannel channel, String reason, int attempts) {
        this(
                header.eventId(),
                header.occurredAt(),
                header.memberId(),
                header.tenantId(),
                notificationId,
                channel,
                reason,
                attempts);
    }

    @Override
    public String subject() {
        return notificationId;
    }
}
