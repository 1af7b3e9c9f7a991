package dev.rapport.contacts.capture.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.contacts.capture.domain.CalendarFeed.Meeting;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Google's and Outlook's real-shaped feeds: recurrences, exceptions, overrides, time zones, cancellations. */
class CalendarFeedTest {

    private static final Instant FROM = Instant.parse("2026-09-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-12-15T00:00:00Z");

    private static List<Meeting> meetings(String fixture) throws Exception {
        try (InputStream in = CalendarFeedTest.class.getResourceAsStream("/capture/" + fixture)) {
            return CalendarFeed.meetings(in, FROM, TO);
        }
    }

    private static List<String> active(List<Meeting> meetings, String uidStart) {
        return meetings.stream()
                .filter(m -> m.uid().startsWith(uidStart) && !m.cancelled())
                .map(m -> m.start() + " " + m.end() + " " + m.title())
                .toList();
    }

    @Test
    void googlesWeeklyOneToOneSkipsItsExdateMovesItsOverrideAndDropsItsCancelledOccurrenceAcrossTheDstChange()
            throws Exception {
        List<Meeting> meetings = meetings("google-calendar.ics");

        assertThat(active(meetings, "7kukuqrfedlm"))
                .containsExactly(
                        "2026-10-05T07:00:00Z 2026-10-05T07:30:00Z 1:1 Ana / Alice",
                        "2026-10-12T07:00:00Z 2026-10-12T07:30:00Z 1:1 Ana / Alice",
                        // 19 Oct is an EXDATE; 26 Oct moved to Tuesday 27 at 17:00 (CET from 25 Oct)
                        "2026-10-27T16:00:00Z 2026-10-27T16:30:00Z 1:1 Ana / Alice (movido al martes)",
                        // 2 Nov is cancelled
                        "2026-11-09T08:00:00Z 2026-11-09T08:30:00Z 1:1 Ana / Alice",
                        "2026-11-16T08:00:00Z 2026-11-16T08:30:00Z 1:1 Ana / Alice",
                        "2026-11-23T08:00:00Z 2026-11-23T08:30:00Z 1:1 Ana / Alice",
                        "2026-11-30T08:00:00Z 2026-11-30T08:30:00Z 1:1 Ana / Alice",
                        "2026-12-07T08:00:00Z 2026-12-07T08:30:00Z 1:1 Ana / Alice",
                        "2026-12-14T08:00:00Z 2026-12-14T08:30:00Z 1:1 Ana / Alice");
        Meeting moved = meetings.stream()
                .filter(m -> m.title().endsWith("(movido al martes)"))
                .findFirst()
                .orElseThrow();
        assertThat(moved.key()).isEqualTo("7kukuqrfedlm2f9t0vr7d0a1bc@google.com|2026-10-26T08:00:00Z");
        assertThat(moved.emails()).containsExactly("ana.gomez@example.com", "alice@example.org");
        assertThat(meetings)
                .filteredOn(Meeting::cancelled)
                .extracting(Meeting::title)
                .containsExactlyInAnyOrder("1:1 Ana / Alice", "Almuerzo con Priya");
    }

    @Test
    void singleMeetingsKeepTheirUidAsKeyTheirEmailsLowerCasedAndAllDayEventsAreNotMeetings() throws Exception {
        List<Meeting> meetings = meetings("google-calendar.ics");

        Meeting coffee = meetings.stream()
                .filter(m -> "Café con José".equals(m.title()))
                .findFirst()
                .orElseThrow();
        assertThat(coffee.key()).isEqualTo("3q1v0c6ihl5s0d4b9o8kqk2m1e@google.com");
        assertThat(coffee.end()).isEqualTo(Instant.parse("2026-11-12T16:00:00Z"));
        assertThat(coffee.emails()).containsExactly("jose.nunez@example.com", "alice@example.org");
        assertThat(meetings).extracting(Meeting::title).doesNotContain("Día libre");
    }

    @Test
    void outlooksFortnightlyMentoringInWindowsTimeZoneHonoursUntilExdateAndTheMovedOccurrence() throws Exception {
        assertThat(active(meetings("outlook-calendar.ics"), "040000008200"))
                .containsExactly(
                        "2026-09-29T07:00:00Z 2026-09-29T08:00:00Z Mentoring Priya",
                        "2026-10-27T08:00:00Z 2026-10-27T09:00:00Z Mentoring Priya",
                        "2026-11-12T09:00:00Z 2026-11-12T10:00:00Z Mentoring Priya",
                        "2026-11-24T08:00:00Z 2026-11-24T09:00:00Z Mentoring Priya");
    }

    @Test
    void somethingThatIsNotICalendarIsUnreadable() {
        assertThatThrownBy(() -> CalendarFeed.meetings(
                        new ByteArrayInputStream("<html>Sign in</html>".getBytes(StandardCharsets.UTF_8)), FROM, TO))
                .isInstanceOf(CalendarFeed.UnreadableFeedException.class);
    }
}
