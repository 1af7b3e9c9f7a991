package dev.rapport.contracts.events;

import java.time.Instant;

/** The member has not participated in a group within its participation cadence. */
public record GroupGoneQuiet(
        String eventId,
        Instant occurredAt,
        String memberId,
        String tenantId,
        String groupId,
        String name,
        Instant lastParticipationAt,
        int cadenceDays,
        Instant quietSince,
        int episode)
        implements ContactsEvent {

    /** This event with the header the write path stamps. */
    public GroupGoneQuiet(
            EventHeader header,
            String groupId,
            String name,
            Instant lastParticipationAt,
            int cadenceDays,
            Instant quietSince,
            int episode) {
        this(
                header.eventId(),
                header.occurredAt(),
                header.memberId(),
                header.tenantId(),
                groupId,
                name,
                lastParticipationAt,
                cadenceDays,
                quietSince,
                episode);
    }

    @Override
    public String subject() {
        return groupId;
    }
}
