package dev.rapport.contracts.events;

import java.time.Instant;
import java.util.List;

/**
 * An interaction with a contact was removed (a captured meeting moved or cancelled in its calendar, or the source
 * that captured it deleted with what it created): one event per removed interaction and contact. It carries where
 * the contact's keep-in-touch clock stands after the removal ({@code lastInteractionAt}: the newest remaining
 * interaction, null when none is left) and the promises made in the interaction, whose follow-ups go with it.
 */
public record InteractionRemoved(
        String eventId,
        Instant occurredAt,
        String memberId,
        String tenantId,
        String interactionId,
        String contactId,
        InteractionKind type,
        Instant interactionAt,
        List<String> promiseIds,
        Instant lastInteractionAt,
        String lastInteractionSummary)
        implements ContactsEvent {

    /** This event with the header the write path stamps. */
    public InteractionRemoved(
            EventHeader header,
            String interactionId,
            String contactId,
            InteractionKind type,
            Instant interactionAt,
            List<String> promiseIds,
            Instant lastInteractionAt,
            String lastInteractionSummary) {
        this(
                header.eventId(),
                header.occurredAt(),
                header.memberId(),
                header.tenantId(),
                interactionId,
                contactId,
                type,
                interactionAt,
                promiseIds,
                lastInteractionAt,
                lastInteractionSummary);
    }

    @Override
    public String subject() {
        return interactionId;
    }
}
