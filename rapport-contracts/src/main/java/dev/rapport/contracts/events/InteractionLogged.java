package dev.rapport.contracts.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The member logged an interaction with one or several contacts. It carries the promises made
 * both ways so that reminders can follow them up without calling back.
 */
public record InteractionLogged(
        String eventId,
        Instant occurredAt,
        String memberId,
        String tenantId,
        String interactionId,
        List<Participant> contacts,
        InteractionKind type,
        InteractionDirection direction,
        Instant interactionAt,
        String summary,
        List<Promise> promises)
        implements ContactsEvent {

    /** This event with the header the write path stamps. */
    public InteractionLogged(
            EventHeader header,
            String interactionId,
            List<Participant> contacts,
            InteractionKind type,
            InteractionDirection direction,
            Instant interactionAt,
            String summary,
            List<Promise> promises) {
        this(
                header.eventId(),
                header.occurredAt(),
                header.memberId(),
                header.tenantId(),
                interactionId,
                contacts,
                type,
                direction,
                interactionAt,
                summary,
                promises);
    }

    /** A contact taking part in the interaction, with the name to show in reminders. */
    public record Participant(String contactId, String displayName) {}

    /**
     * Something promised in the interaction: {@code owedBy} is {@code ME} (the member owes it) or
     * {@code THEM} (the contact owes it).
     */
    public record Promise(String promiseId, OwedBy owedBy, String what, LocalDate dueOn, boolean done) {}

    @Override
    public String subject() {
        return interactionId;
    }
}
