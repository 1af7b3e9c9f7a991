package dev.rapport.contracts.events;

import java.time.Instant;

/** The first interaction after a staleness episode. */
public record ContactReengaged(
        String eventId,
        Instant occurredAt,
        String memberId,
        String tenantId,
        String contactId,
        String displayName,
        int episode,
        String interactionId,
        Instant interactionOccurredAt)
        implements ContactsEvent {

    /** This event with the header the write path stamps. */
    public ContactReengaged(
            EventHeader header,
            String contactId,
            String displayName,
            int episode,
            String interactionId,
            Instant interactionOccurredAt) {
        this(
                header.eventId(),
                header.occurredAt(),
                header.memberId(),
                header.tenantId(),
                contactId,
                displayName,
                episode,
                interactionId,
                interactionOccurredAt);
    }

    @Override
    public String subject() {
        return contactId;
    }
}
