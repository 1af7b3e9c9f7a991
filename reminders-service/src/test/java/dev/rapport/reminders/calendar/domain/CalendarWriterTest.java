package dev.rapport.reminders.calendar.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VAlarm;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;

class CalendarWriterTest {

    static final Instant STAMP = Instant.parse("2026-03-10T08:00:00Z");
    static final LocalDate DAY = LocalDate.of(2026, 3, 12);

    static Calendar parse(String ics) throws Exception {
        return new CalendarBuilder().build(new StringReader(ics));
    }

    @Test
    void eachReminderIsAValidAllDayEventWithADisplayAlarm() throws Exception {
        String ics = CalendarWriter.write(
                "Rapport reminders",
                STAMP,
                Duration.ofHours(9),
                List.of(new CalendarEntry("r-1", DAY, "Get back in touch with Ana", "It has been 40 days")));

        Calendar calendar = parse(ics);
        assertThat(calendar.validate().hasErrors())
                .as(calendar.validate().toString())
                .isFalse();
        VEvent event = calendar.<VEvent>getComponents("VEVENT").getFirst();
        assertThat(event.getProperty(Property.DTSTART).orElseThrow().getValue()).isEqualTo("20260312");
        assertThat(event.getProperty(Property.DTSTART)
                        .orElseThrow()
                        .getParameter("VALUE")
                        .orElseThrow()
                        .getValue())
                .isEqualTo("DATE");
        assertThat(event.getProperty(Property.DTEND).orElseThrow().getValue()).isEqualTo("20260313");
        assertThat(event.getProperty(Property.UID).orElseThrow().getValue()).isEqualTo("r-1@reminders.rapport.dev");
        assertThat(event.getProperty(Property.SUMMARY).orElseThrow().getValue())
                .isEqualTo("Get back in touch with Ana");
        VAlarm alarm = event.getAlarms().getFirst();
        assertThat(alarm.getProperty(Property.ACTION).orElseThrow().getValue()).isEqualTo("DISPLAY");
        assertThat(alarm.getProperty(Property.TRIGGER).orElseThrow().getValue()).isEqualTo("PT9H");
        assertThat(ics).contains("\r\n").contains("X-WR-CALNAME:Rapport reminders");
    }

    @Test
    void theSameRemindersGiveTheSameUidsOnEveryFetch() throws Exception {
        var entries = List.of(new CalendarEntry("r-1", DAY, "A", null), new CalendarEntry("r-2", DAY, "B", null));
        String first = CalendarWriter.write("x", STAMP, Duration.ofHours(9), entries);
        String later = CalendarWriter.write("x", STAMP.plusSeconds(3600), Duration.ofHours(9), entries);
        assertThat(uids(parse(first))).isEqualTo(uids(parse(later))).hasSize(2);
    }

    @Test
    void specialCharactersAndLongTextsSurviveTheRoundTrip() throws Exception {
        String summary = "Comparte «Cinco lecciones; sobre escala, y más» con José Núñez";
        String description = "Línea uno\nLínea dos, con comas; y punto y coma\n" + "é".repeat(120);
        String ics = CalendarWriter.write(
                "Rapport: recordatorios",
                STAMP,
                Duration.ofHours(9),
                List.of(new CalendarEntry("r-1", DAY, summary, description)));
        // Content lines are folded at 75 octets.
        assertThat(ics.lines())
                .allSatisfy(line -> assertThat(line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                        .isLessThanOrEqualTo(75));
        VEvent event = parse(ics).<VEvent>getComponents("VEVENT").getFirst();
        assertThat(event.getProperty(Property.SUMMARY).orElseThrow().getValue()).isEqualTo(summary);
        assertThat(event.getProperty(Property.DESCRIPTION).orElseThrow().getValue())
                .isEqualTo(description);
    }

    @Test
    void anEmptyFeedIsStillAValidCalendar() throws Exception {
        Calendar calendar = parse(CalendarWriter.write("x", STAMP, Duration.ofHours(9), List.of()));
        assertThat(calendar.getComponents()).isEmpty();
        assertThat(calendar.getProperty(Property.PRODID)).isPresent();
    }

    static List<String> uids(Calendar calendar) {
        return calendar.<VEvent>getComponents("VEVENT").stream()
                .map(e -> e.getProperty(Property.UID).orElseThrow().getValue())
                .toList();
    }
}
