package dev.rapport.contacts.capture.domain;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.RecurrenceId;

/**
 * The meetings of an iCalendar feed (RFC 5545) within a window, read with ical4j: every occurrence of a
 * recurring event (RRULE, RDATE, EXDATE) with its overrides (a VEVENT with the same UID and a RECURRENCE-ID
 * replaces the occurrence it names: moved, retitled or cancelled), in the time zones the feed defines (VTIMEZONE,
 * including Outlook's Windows names), with the attendees' and organizer's e-mails. All-day events are not
 * meetings and are left out.
 */
public final class CalendarFeed {

    /**
     * One occurrence of a meeting.
     *
     * @param key the event's UID and the occurrence's original start: the same whether the occurrence is moved
     *     or not, different for two occurrences of a series
     * @param emails the attendees' and the organizer's e-mails, lower-cased
     * @param cancelled STATUS:CANCELLED on the event or on this occurrence
     */
    public record Meeting(
            String key, String uid, Instant start, Instant end, String title, Set<String> emails, boolean cancelled) {}

    /** The feed is not iCalendar. */
    public static final class UnreadableFeedException extends Exception {
        public UnreadableFeedException(String message) {
            super(message);
        }
    }

    private CalendarFeed() {}

    /** The meetings of the feed that overlap {@code [from, to)}, by start. */
    public static List<Meeting> meetings(InputStream ics, Instant from, Instant to) throws UnreadableFeedException {
        Calendar calendar;
        try {
            calendar = new CalendarBuilder().build(ics);
        } catch (ParserException e) {
            throw new UnreadableFeedException("not an iCalendar feed (line " + e.getLineNo() + ")");
        } catch (IOException | RuntimeException e) {
            throw new UnreadableFeedException(
                    "not an iCalendar feed (" + e.getClass().getSimpleName() + ")");
        }
        Map<String, VEvent> masters = new LinkedHashMap<>();
        Map<String, Map<Instant, VEvent>> overrides = new HashMap<>();
        for (VEvent event : calendar.<VEvent>getComponents(Component.VEVENT)) {
            String uid = event.getUid().map(Property::getValue).orElse(null);
            if (uid == null) {
                continue;
            }
            RecurrenceId<?> recurrenceId = event.getRecurrenceId();
            if (recurrenceId == null) {
                masters.put(uid, event);
            } else {
                Instant original = instant(recurrenceId.getDate());
                if (original != null) {
                    overrides.computeIfAbsent(uid, u -> new HashMap<>()).put(original, event);
                }
            }
        }
        // A little around the window, so that an occurrence moved into it from outside is found too.
        Period<ZonedDateTime> window = new Period<>(
                from.minus(java.time.Duration.ofDays(1)).atZone(ZoneOffset.UTC),
                to.plus(java.time.Duration.ofDays(1)).atZone(ZoneOffset.UTC));
        List<Meeting> meetings = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Map.Entry<String, VEvent> entry : masters.entrySet()) {
            String uid = entry.getKey();
            VEvent master = entry.getValue();
            if (allDay(master)) {
                continue;
            }
            Map<Instant, VEvent> changed = overrides.getOrDefault(uid, Map.of());
            boolean recurring = master.getProperty(Property.RRULE).isPresent()
                    || master.getProperty(Property.RDATE).isPresent();
            for (Period<Temporal> period : master.<Temporal>calculateRecurrenceSet(window)) {
                Instant original = instant(period.getStart());
                if (original == null) {
                    continue;
                }
                VEvent occurrence = changed.getOrDefault(original, master);
                String key = recurring ? uid + "|" + original : uid;
                Meeting meeting = occurrence == master
                        ? meeting(key, uid, master, original, instant(period.getEnd()), false)
                        : meeting(key, uid, occurrence, null, null, cancelled(master));
                if (meeting != null && seen.add(key)) {
                    meetings.add(meeting);
                }
            }
            // Overrides whose original slot is outside the window but that were moved into it.
            for (Map.Entry<Instant, VEvent> override : changed.entrySet()) {
                String key = uid + "|" + override.getKey();
                if (!seen.contains(key)) {
                    Meeting meeting = meeting(key, uid, override.getValue(), null, null, cancelled(master));
                    if (meeting != null && seen.add(key)) {
                        meetings.add(meeting);
                    }
                }
            }
        }
        return meetings.stream()
                .filter(m -> m.end().isAfter(from) && m.start().isBefore(to))
                .sorted(Comparator.comparing(Meeting::start).thenComparing(Meeting::key))
                .toList();
    }

    /** An occurrence: at {@code start}/{@code end} when given (an expanded one), else at the event's own dates. */
    private static Meeting meeting(
            String key, String uid, VEvent event, Instant start, Instant end, boolean masterCancelled) {
        Instant begins =
                start != null ? start : instant(event.getDateTimeStart().getDate());
        if (begins == null) {
            return null;
        }
        Instant ends = end != null
                ? end
                : event.getEndDate(true).map(d -> instant(d.getDate())).orElse(begins);
        Set<String> emails = new LinkedHashSet<>();
        event.<Attendee>getProperties(Property.ATTENDEE)
                .forEach(a -> email(a.getCalAddress()).ifPresent(emails::add));
        event.<Organizer>getProperty(Property.ORGANIZER)
                .flatMap(o -> email(o.getCalAddress()))
                .ifPresent(emails::add);
        String title = event.getSummary() == null ? null : event.getSummary().getValue();
        return new Meeting(
                key, uid, begins, ends == null ? begins : ends, title, emails, masterCancelled || cancelled(event));
    }

    private static boolean cancelled(VEvent event) {
        return event.getStatus() != null
                && "CANCELLED".equalsIgnoreCase(event.getStatus().getValue());
    }

    private static boolean allDay(VEvent event) {
        return event.getDateTimeStart() != null && event.getDateTimeStart().getDate() instanceof LocalDate;
    }

    private static Optional<String> email(URI address) {
        if (address == null || !"mailto".equalsIgnoreCase(address.getScheme())) {
            return Optional.empty();
        }
        String email = address.getSchemeSpecificPart().strip().toLowerCase(Locale.ROOT);
        return email.contains("@") ? Optional.of(email) : Optional.empty();
    }

    /** A date-time of the feed as an instant; a floating time is read as UTC; a date is not a meeting's time. */
    static Instant instant(Temporal temporal) {
        return switch (temporal) {
            case Instant i -> i;
            case ZonedDateTime z -> z.toInstant();
            case OffsetDateTime o -> o.toInstant();
            case LocalDateTime l -> l.atZone(ZoneId.of("UTC")).toInstant();
            case null, default -> null;
        };
    }
}
