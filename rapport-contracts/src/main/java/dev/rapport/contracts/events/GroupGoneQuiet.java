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

    @Override
    public String subject() {
        return groupId;
    }
}
