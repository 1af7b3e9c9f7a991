package dev.rapport.contacts.capture.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one sync of a calendar changes: past meetings with contacts become interactions (one per occurrence and
 * contact, at the meeting's end), occurrences captured before that were moved, cancelled or deleted lose their
 * interactions, and meetings ahead with contacts are announced (again when they change) or withdrawn.
 *
 * <p>An occurrence is its event's UID and original start ({@link CalendarFeed.Meeting#key()}) plus the time it
 * actually takes place, so a moved occurrence is a new one (logged at its new time) and the old one is removed.
 * A meeting ahead is followed by its key alone, so moving it changes the announced meeting instead of making
 * another.
 */
public final class MeetingCapture {

    /** A contact of the member who attends. */
    public record Contact(String id, String displayName) {}

    /** A meeting of the feed with the member's contacts among its attendees (none: no contact attends). */
    public record Resolved(CalendarFeed.Meeting meeting, List<Contact> contacts) {}

    /**
     * An occurrence captured by an earlier sync.
     *
     * @param occurrence key and actual start, see {@link #occurrence}
     */
    public record Captured(String occurrence, String uid, Instant end, List<String> contactIds) {
        public Captured {
            contactIds = List.copyOf(contactIds);
        }
    }

    /** A meeting ahead, as last announced. */
    public record Upcoming(
            String key, String meetingId, Instant start, Instant end, String title, List<Contact> contacts) {
        public Upcoming {
            contacts = List.copyOf(contacts);
        }
    }

    /** An interaction to log: the occurrence with one contact, at its end. */
    public record Log(String occurrence, Contact contact, Instant at, String title) {}

    /** An interaction to remove: the occurrence with one contact. */
    public record Remove(String occurrence, String contactId) {}

    /**
     * The changes of one sync and the state to keep for the next.
     *
     * @param scheduled meetings ahead to announce (new or changed)
     * @param withdrawn meetings ahead announced before that no longer take place
     */
    public record Plan(
            List<Log> logs,
            List<Remove> removes,
            List<Upcoming> scheduled,
            List<Upcoming> withdrawn,
            List<Captured> captured,
            List<Upcoming> upcoming) {}

    /**
     * How far a sync looks.
     *
     * @param lookback past meetings that ended longer ago are neither captured nor removed any more
     * @param horizon meetings that start further ahead are not announced yet
     * @param removeMissingWithin a captured occurrence missing from the feed (its whole event gone) is removed
     *     only when it ended less than this ago: feeds that publish a limited past drop older meetings that did
     *     take place
     */
    public record Window(Duration lookback, Duration horizon, Duration removeMissingWithin) {}

    private MeetingCapture() {}

    /** The occurrence an interaction is derived from: the event's key and when it actually starts. */
    public static String occurrence(CalendarFeed.Meeting meeting) {
        return meeting.key() + "@" + meeting.start();
    }

    /** A meeting's id in events: a digest of its key (which holds the feed's UID). */
    public static String meetingId(String key) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Plans a sync.
     *
     * @param meetings the feed's meetings in the window, resolved to contacts
     * @param uids every event UID of the feed (whatever its dates)
     * @param complete whether {@code meetings} is the whole feed (false after a 304: nothing is removed or
     *     withdrawn, meetings announced before are captured once they have ended)
     */
    public static Plan plan(
            List<Resolved> meetings,
            Set<String> uids,
            boolean complete,
            List<Captured> before,
            List<Upcoming> announced,
            Instant now,
            Window window) {
        Instant oldest = now.minus(window.lookback());
        Map<String, Resolved> past = new LinkedHashMap<>();
        Map<String, Resolved> ahead = new LinkedHashMap<>();
        for (Resolved resolved : meetings) {
            CalendarFeed.Meeting meeting = resolved.meeting();
            if (meeting.cancelled() || resolved.contacts().isEmpty()) {
                continue;
            }
            if (!meeting.end().isAfter(now)) {
                if (meeting.end().isAfter(oldest)) {
                    past.put(occurrence(meeting), resolved);
                }
            } else if (!meeting.start().isAfter(now.plus(window.horizon()))) {
                ahead.put(meeting.key(), resolved);
            }
        }
        List<Log> logs = new ArrayList<>();
        List<Remove> removes = new ArrayList<>();
        List<Captured> captured = new ArrayList<>();
        Map<String, Captured> earlier = new LinkedHashMap<>();
        before.forEach(c -> earlier.put(c.occurrence(), c));
        for (Captured c : before) {
            Resolved still = past.get(c.occurrence());
            if (still != null) {
                List<String> attending =
                        still.contacts().stream().map(Contact::id).toList();
                c.contactIds().stream()
                        .filter(id -> complete && !attending.contains(id))
                        .forEach(id -> removes.add(new Remove(c.occurrence(), id)));
                continue;
            }
            if (!c.end().isAfter(oldest)) {
                continue; // out of the window: what it logged stays, and it is not followed any more
            }
            boolean gone =
                    complete && (uids.contains(c.uid()) || c.end().isAfter(now.minus(window.removeMissingWithin())));
            if (gone) {
                c.contactIds().forEach(id -> removes.add(new Remove(c.occurrence(), id)));
            } else {
                captured.add(c);
            }
        }
        for (Map.Entry<String, Resolved> entry : past.entrySet()) {
            CalendarFeed.Meeting meeting = entry.getValue().meeting();
            for (Contact contact : entry.getValue().contacts()) {
                logs.add(new Log(entry.getKey(), contact, meeting.end(), meeting.title()));
            }
            captured.add(new Captured(
                    entry.getKey(),
                    meeting.uid(),
                    meeting.end(),
                    entry.getValue().contacts().stream().map(Contact::id).toList()));
        }
        List<Upcoming> scheduled = new ArrayList<>();
        List<Upcoming> withdrawn = new ArrayList<>();
        List<Upcoming> upcoming = new ArrayList<>();
        Map<String, Upcoming> previously = new LinkedHashMap<>();
        announced.forEach(u -> previously.put(u.key(), u));
        for (Map.Entry<String, Resolved> entry : ahead.entrySet()) {
            CalendarFeed.Meeting meeting = entry.getValue().meeting();
            Upcoming next = new Upcoming(
                    entry.getKey(),
                    meetingId(entry.getKey()),
                    meeting.start(),
                    meeting.end(),
                    meeting.title(),
                    entry.getValue().contacts());
            if (!next.equals(previously.get(entry.getKey()))) {
                scheduled.add(next);
            }
            upcoming.add(next);
        }
        for (Upcoming u : announced) {
            if (ahead.containsKey(u.key())) {
                continue;
            }
            if (!u.end().isAfter(now)) {
                // Took place: captured from the feed, or now from what was announced when the feed did not change.
                if (!complete && u.end().isAfter(oldest)) {
                    String occurrence = u.key() + "@" + u.start();
                    if (!earlier.containsKey(occurrence)) {
                        u.contacts().forEach(contact -> logs.add(new Log(occurrence, contact, u.end(), u.title())));
                        captured.add(new Captured(
                                occurrence,
                                uidOf(u.key()),
                                u.end(),
                                u.contacts().stream().map(Contact::id).toList()));
                    }
                }
            } else if (complete) {
                withdrawn.add(u);
            } else {
                upcoming.add(u);
            }
        }
        return new Plan(logs, removes, scheduled, withdrawn, captured, upcoming);
    }

    private static String uidOf(String key) {
        int bar = key.lastIndexOf('|');
        return bar < 0 ? key : key.substring(0, bar);
    }
}
