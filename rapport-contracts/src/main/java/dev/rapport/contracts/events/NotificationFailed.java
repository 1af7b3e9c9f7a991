package dev.rapport.contracts.events;

import java.time.Instant;

/** A notification could not be delivered after its retries. */
public record NotificationFailed(
        String eventId,
        Instant occurredAt,
        String memberId,
        String tenantId,
        String notificationId,
        String channel,
        String reason,
        int attempts)
        implements RemindersEvent {

    @Override
    public String subject() {
        return notificationId;
    }
}
