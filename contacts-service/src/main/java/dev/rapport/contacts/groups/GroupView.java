package dev.rapport.contacts.groups;

import java.time.Instant;
import java.util.List;

/** A group as the API shows it. */
public record GroupView(
        String id,
        String name,
        String kind,
        String url,
        String notes,
        int cadenceDays,
        List<String> goalIds,
        Instant lastParticipationAt,
        Instant nextParticipationDueAt,
        boolean quiet,
        Instant quietSince,
        int participations,
        Instant createdAt) {

    /** The view of a stored group. */
    public static GroupView of(GroupDocument g) {
        return new GroupView(
                g.getId(),
                g.name,
                g.kind,
                g.url,
                g.notes,
                g.cadenceDays,
                g.goalIds,
                g.lastParticipationAt,
                g.nextParticipationDueAt,
                g.quiet,
                g.quietSince,
                g.participations.size(),
                g.createdAt);
    }

    /** A participation as the API shows it. */
    public record ParticipationView(String id, String kind, Instant occurredAt, String note) {
        static ParticipationView of(GroupDocument.Participation p) {
            return new ParticipationView(p.participationId(), p.kind(), p.occurredAt(), p.note());
        }
    }
}
