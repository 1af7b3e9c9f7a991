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
        ContactTier tier,
        Instant lastInteractionAt,
        String lastInteractionSummary,
        int cadenceDays,
        Instant staleSince,
        int episode,
        List<String> interests)
        implements ContactsEvent {

    /** This event with the header the write path stamps. */
    public ContactGoneStale(
            EventHeader header,
            String contactId,
            String displayName,
            ContactTier tier,
            Instant lastInteractionAt,
            String lastInteractionSummary,
            int cadenceDays,
            Instant staleSince,
            int episode,
            List<String> interests) {
        this(
                header.eventId(),
                header.occurredAt(),
                header.memberId(),
                header.tenantId(),
                contactId,
                displayName,
                tier,
                lastInteractionAt,
                lastInteractionSummary,
                cadenceDays,
                staleSince,
                episode,
                interests);
    }

    @Override
    public String subject() {
        return contactId;
    }
}
