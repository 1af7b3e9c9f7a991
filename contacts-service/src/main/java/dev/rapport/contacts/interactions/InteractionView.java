package dev.rapport.contacts.interactions;

import java.time.Instant;
import java.util.List;

/** An interaction as the API shows it. */
public record InteractionView(
        String id,
        List<String> contactIds,
        String type,
        String direction,
        Instant occurredAt,
        String summary,
        List<InteractionDocument.Promise> promises,
        Instant loggedAt) {

    static InteractionView of(InteractionDocument i) {
        return new InteractionView(
                i.getId(), i.contactIds, i.type, i.direction, i.occurredAt, i.summary, i.promises, i.loggedAt);
    }
}
