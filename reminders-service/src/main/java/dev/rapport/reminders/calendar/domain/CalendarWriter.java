package dev.rapport.reminders.calendar.domain;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.component.VAlarm;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Related;
import net.fortuna.ical4j.model.parameter.Value;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.RefreshInterval;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Trigger;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableAction;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableTransp;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * Writes reminders as an RFC 5545 calendar for subscription: one all-day VEVENT per reminder (subscribed
 * calendars ignore VTODO) with a display VALARM at {@code alarmAt} into the day, and UIDs derived from the
 * reminder ids, so they stay the same from one fetch to the next.
 */
public final class CalendarWriter {

    /** How often subscribed calendars are asked to fetch the feed again. */
    public static final Duration REFRESH = Duration.ofHours(1);

    private static final int MAX_OCTETS = 75;
    private static final String UID_DOMAIN = "@reminders.rapport.dev";

    private CalendarWriter() {}

    /**
     * @param name the calendar's display name
     * @param stamp when the feed was produced (every event's DTSTAMP)
     * @param alarmAt when, from the start of the day, the alarm goes off (e.g. 9 hours: at 9:00)
     */
    public static String write(String name, Instant stamp, Duration alarmAt, List<CalendarEntry> entries) {
        Calendar calendar = new Calendar();
        calendar.add(new ProdId("-//Rapport//Reminders 1.0//EN"));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(new XProperty("X-WR-CALNAME", name));
        calendar.add(new RefreshInterval(new ParameterList(List.of(Value.DURATION)), REFRESH));
        calendar.add(new XProperty("X-PUBLISHED-TTL", "PT1H"));
        for (CalendarEntry entry : entries) {
            calendar.add(event(entry, stamp, alarmAt));
        }
        StringWriter out = new StringWriter();
        try {
            // ical4j folds by characters; lines are folded below by octets, as RFC 5545 asks.
            new CalendarOutputter(true, Integer.MAX_VALUE).output(calendar, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fold(out.toString());
    }

    /** Folds every content line at 75 octets of UTF-8, never inside a character (RFC 5545, 3.1). */
    static String fold(String unfolded) {
        StringBuilder folded = new StringBuilder(unfolded.length() + unfolded.length() / 50);
        for (String line : unfolded.split("\r\n")) {
            int octets = 0;
            for (int i = 0; i < line.length(); ) {
                int codePoint = line.codePointAt(i);
                int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
                if (octets + size > MAX_OCTETS) {
                    folded.append("\r\n ");
                    octets = 1;
                }
                folded.appendCodePoint(codePoint);
                octets += size;
                i += Character.charCount(codePoint);
            }
            folded.append("\r\n");
        }
        return folded.toString();
    }

    private static VEvent event(CalendarEntry entry, Instant stamp, Duration alarmAt) {
        VEvent event = new VEvent(false);
        event.add(new Uid(entry.id() + UID_DOMAIN));
        event.add(new DtStamp(stamp));
        event.add(new DtStart<>(entry.day()));
        event.add(new DtEnd<>(entry.day().plusDays(1)));
        event.add(new Summary(entry.summary()));
        if (entry.description() != null && !entry.description().isBlank()) {
            event.add(new Description(entry.description()));
        }
        // A reminder does not make the member busy.
        event.add(ImmutableTransp.TRANSPARENT);
        VAlarm alarm = new VAlarm();
        alarm.add(new Trigger(new ParameterList(List.of(Related.START)), alarmAt));
        alarm.add(ImmutableAction.DISPLAY);
        alarm.add(new Description(entry.summary()));
        event.add(alarm);
        return event;
    }
}
