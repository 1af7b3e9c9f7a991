package dev.rapport.contacts.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading a CalDAV multistatus: each response's calendar-data, and nothing a hostile server could smuggle in. */
class CalDavMultistatusTest {

    /** As Radicale 3.1 answers a calendar-query REPORT (captured from a real server, one event shortened). */
    private static final String RADICALE = """
            <?xml version='1.0' encoding='utf-8'?>
            <multistatus xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><response><href>/alice/work/coffee-1.ics</href><propstat><prop><getetag>"db52969d"</getetag><C:calendar-data>BEGIN:VCALENDAR
            VERSION:2.0
            BEGIN:VEVENT
            UID:coffee-1@example.org
            DTSTART:20261125T090000Z
            DTEND:20261125T100000Z
            SUMMARY:Coffee with Ana
            END:VEVENT
            END:VCALENDAR
            </C:calendar-data></prop><status>HTTP/1.1 200 OK</status></propstat></response></multistatus>
            """;

    @Test
    void eachResponsesCalendarDataIsOneCalendar() throws IOException {
        List<byte[]> calendars = CalendarFetcher.calendarData(RADICALE.getBytes(StandardCharsets.UTF_8));

        assertThat(calendars).hasSize(1);
        assertThat(new String(calendars.getFirst(), StandardCharsets.UTF_8))
                .startsWith("BEGIN:VCALENDAR")
                .contains("SUMMARY:Coffee with Ana");
    }

    @Test
    void aDocumentTypeDeclarationIsRefusedSoNoEntityIsEverExpanded() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE multistatus [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <multistatus xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><response><propstat><prop>
                <C:calendar-data>&secret;</C:calendar-data></prop></propstat></response></multistatus>
                """;

        assertThatThrownBy(() -> CalendarFetcher.calendarData(xxe.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class);
    }

    @Test
    void somethingElseThanAMultistatusIsNotCalDav() {
        assertThatThrownBy(() -> CalendarFetcher.calendarData(
                        "<html><body>Sign in</body></html>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("multistatus");
        assertThatThrownBy(() -> CalendarFetcher.calendarData("not xml".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class);
    }
}
