package dev.rapport.contracts.events;

import java.time.Instant;
import java.util.List;

/**
 * A meeting ahead with contacts was found in a calendar the member connected, or it changed (moved, retitled,
 * other contacts): a {@code prepare} reminder is due the day before. Published again on every change, with the
 * same {@code meetingId}.
 *
 * @param meetingId stable across moves: a digest of the calendar event's UID and original start
 * @param sourceId the calendar it was found in
 * @param title the meeting's title, or null when the member turned summaries off
 */
public record MeetingScheduled(
        String eventId,
        Instant occurredAt,
        String memberId,
        String tenantId,
        String meetingId,
        String sourceId,
        String title,
        Instant startsAt,
        Instant endsAt,
        List<Participant> contacts)
        implements ContactsEvent {

    /** This event with the header the write path stamps. */
    public MeetingScheduled(
            EventHeader header,
            String meetingId,
            String sourceId,
            String title,
            Instant startsAt,
            Instant endsAt,
            List<Participant> contacts) {
        this(
                header.eventId(),
                header.occurredAt(),
                header.memberId(),
                header.tenantId(),
                meetingId,
                sourceId,
                title,
                startsAt,
                endsAt,
                contacts);
    }

    /** A contact who attends, with the name to show in reminders. */
    public record Participant(String contactId, String displayName) {}

    @Override
    public String subject() {
        return meetingId;
    }
}
