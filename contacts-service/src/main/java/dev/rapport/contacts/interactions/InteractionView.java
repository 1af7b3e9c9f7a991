package dev.rapport.contacts.interactions;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** An interaction as the API shows it. */
public record InteractionView(
        String id,
        List<String> contactIds,
        String type,
        String direction,
        Instant occurredAt,
        String summary,
        List<PromiseView> promises,
        Instant loggedAt) {

    /** A promise: {@code owedBy} is {@code me} (the member owes it) or {@code them}. */
    public record PromiseView(String id, String owedBy, String what, LocalDate dueOn, boolean done) {}

    static InteractionView of(InteractionDocument i) {
        return new InteractionView(
                i.getId(),
                i.contactIds,
                i.type,
                i.direction,
                i.occurredAt,
                i.summary,
                i.promises.stream()
                        .map(p -> new PromiseView(p.id(), p.owedBy(), p.what(), p.dueOn(), p.done()))
                        .toList(),
                i.loggedAt);
    }
}
