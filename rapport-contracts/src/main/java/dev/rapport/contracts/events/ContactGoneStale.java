package dev.rapport.contracts.events;

import java.time.Instant;
import java.util.List;

/** A contact's keep-in-touch cadence lapsed; {@code episode} counts staleness episodes so that late or duplicate deliveries can be recognised. */
public record ContactGoneStale(
        String eventId,
        Instant occurredAt,
        String memberId,
        String tenantId,
        String contactId,
        String displayName,
        String tier,
        Instant lastInteractionAt,
        String lastInteractionSummary,
        int cadenceDays,
        Instant staleSince,
        int episode,
        List<String> interests)
        implements ContactsEvent {

    @Override
    public String subject() {
        return contactId;
    }
}
