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

    @Override
    public String subject() {
        return contactId;
    }
}
