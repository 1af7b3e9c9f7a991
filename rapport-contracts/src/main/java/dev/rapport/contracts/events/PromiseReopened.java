package dev.rapport.contracts.events;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A kept promise was marked open again: its follow-up is open again. {@code revision} counts the changes of
 * the promise (0 when it was logged with its {@code InteractionLogged}), so a consumer can tell a late or
 * replayed change from the current one.
 */
public record PromiseReopened(
        String eventId,
        Instant occurredAt,
        String memberId,
        String tenantId,
        String interactionId,
        String promiseId,
        String contactId,
        OwedBy owedBy,
        String what,
        LocalDate dueOn,
        int revision)
        implements ContactsEvent {

    /** This event with the header the write path stamps. */
    public PromiseReopened(
            EventHeader header,
            String interactionId,
            String promiseId,
            String contactId,
            OwedBy owedBy,
            String what,
            LocalDate dueOn,
            int revision) {
        this(
                header.eventId(),
                header.occurredAt(),
                header.memberId(),
                header.tenantId(),
                interactionId,
                promiseId,
                contactId,
                owedBy,
                what,
                dueOn,
                revision);
    }

    @Override
    public String subject() {
        return interactionId;
    }
}
