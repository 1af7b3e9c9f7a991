package dev.rapport.contracts.events;

import java.time.Instant;
import java.util.List;

/**
 * A meeting ahead announced by {@link MeetingScheduled} no longer takes place (cancelled, deleted, or its contacts
 * left it, or its calendar was removed): its {@code prepare} reminders are withdrawn.
 */
public record MeetingCancelled(
        String eventId,
        Instant occurredAt,
        String memberId,
        String tenantId,
        String meetingId,
        String sourceId,
        List<String> contactIds)
        implements ContactsEvent {

    /** This event with the header the write path stamps. */
    public MeetingCancelled(EventHeader header, String meetingId, String sourceId, List<String> contactIds) {
        this(
                header.eventId(),
                header.occurredAt(),
                header.memberId(),
                header.tenantId(),
                meetingId,
                sourceId,
                contactIds);
    }

    @Override
    public String subject() {
        return meetingId;
    }
}
