package dev.rapport.reminders.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.reminders.support.MutableClock;
import dev.rapport.reminders.support.RemindersIntegrationTest;
import dev.rapport.testkit.ApiClient;
import java.io.StringReader;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@RemindersIntegrationTest
class CalendarFeedIT {

    static final String PUBLIC_PREFIX = "https://rapport.example.org/api/v1/calendar/";

    @LocalServerPort
    int port;

    @Autowired
    Clock clock;

    ApiClient api;
    ApiClient anonymous;

    @BeforeEach
    void member() {
        ((MutableClock) clock).set(RemindersIntegrationTest.START);
        api = ApiClient.asMember(port, "member-" + UUID.randomUUID());
        anonymous = ApiClient.anonymous("http://127.0.0.1:" + port);
    }

    @Test
    void theSecretFeedServesValidAllDayEventsWithAlarmsAndStableUidsWithoutAnyHeader() throws Exception {
        String id = api.post(
                        "/api/v1/reminders", Map.of("title", "Call Ana; about the board, soon", "dueOn", "2026-03-12"))
                .json()
                .get("id")
                .asString();
        String snoozed = api.post("/api/v1/reminders", Map.of("title", "Snoozed", "dueOn", "2026-03-10"))
                .json()
                .get("id")
                .asString();
        api.post("/api/v1/reminders/" + snoozed + "/snooze", Map.of("until", "2026-03-20"));
        String done = api.post("/api/v1/reminders", Map.of("title", "Done", "dueOn", "2026-03-10"))
                .json()
                .get("id")
                .asString();
        api.post("/api/v1/reminders/" + done + "/complete", null);

        var feed = api.post("/api/v1/calendar/feed", null);
        assertThat(feed.status()).isEqualTo(201);
        String url = feed.json().get("url").asString();
        assertThat(url).startsWith(PUBLIC_PREFIX).endsWith(".ics");
        assertThat(feed.json().get("webcalUrl").asString()).startsWith("webcal://rapport.example.org/");

        var fetched = anonymous.get(internal(url));
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.contentType()).startsWith("text/calendar");
        assertThat(fetched.header("Cache-Control")).contains("private");
        Calendar calendar =
                new CalendarBuilder().build(new StringReader(fetched.raw().body()));
        assertThat(calendar.validate().hasErrors())
                .as(calendar.validate().toString())
                .isFalse();
        List<VEvent> events = calendar.getComponents("VEVENT");
        assertThat(events).hasSize(2);
        VEvent call = events.stream()
                .filter(e ->
                        e.getProperty(Property.UID).orElseThrow().getValue().startsWith(id))
                .findFirst()
                .orElseThrow();
        assertThat(call.getProperty(Property.SUMMARY).orElseThrow().getValue())
                .isEqualTo("Call Ana; about the board, soon");
        assertThat(call.getProperty(Property.DTSTART).orElseThrow().getValue()).isEqualTo("20260312");
        assertThat(call.getAlarms()).hasSize(1);
        VEvent snoozedEvent = events.stream()
                .filter(e ->
                        e.getProperty(Property.UID).orElseThrow().getValue().startsWith(snoozed))
                .findFirst()
                .orElseThrow();
        assertThat(snoozedEvent.getProperty(Property.DTSTART).orElseThrow().getValue())
                .isEqualTo("20260320");

        Calendar again = new CalendarBuilder()
                .build(new StringReader(anonymous.get(internal(url)).raw().body()));
        assertThat(uids(again)).isEqualTo(uids(calendar));
    }

    @Test
    void rotatingTheFeedRetiresTheOldUrlAndRevokingItRetiresAll() {
        String first = api.post("/api/v1/calendar/feed", null).json().get("url").asString();
        String second =
                api.post("/api/v1/calendar/feed", null).json().get("url").asString();
        assertThat(second).isNotEqualTo(first);
        assertThat(anonymous.get(internal(first)).status()).isEqualTo(404);
        assertThat(anonymous.get(internal(second)).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/calendar/feed").json().get("active").asBoolean())
                .isTrue();
        assertThat(api.get("/api/v1/calendar/feed").json().has("url")).isFalse();

        assertThat(api.delete("/api/v1/calendar/feed").status()).isEqualTo(204);
        assertThat(anonymous.get(internal(second)).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/calendar/feed").json().get("active").asBoolean())
                .isFalse();
    }

    @Test
    void aGuessedTokenFindsNothingAndTheAuthenticatedCalendarNeedsTheGatewaysIdentity() {
        assertThat(anonymous.get("/feeds/calendar/" + "A".repeat(43) + ".ics").status())
                .isEqualTo(404);
        assertThat(anonymous.get("/feeds/calendar/short.ics").status()).isEqualTo(404);
        assertThat(anonymous.get("/api/v1/calendar.ics").status()).isEqualTo(401);
        var own = api.get("/api/v1/calendar.ics");
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.raw().body()).startsWith("BEGIN:VCALENDAR");
    }

    /** The service's own path of a public feed URL: what the gateway rewrites it to. */
    private static String internal(String publicUrl) {
        return "/feeds/calendar/" + publicUrl.substring(PUBLIC_PREFIX.length());
    }

    private static List<String> uids(Calendar calendar) {
        return calendar.<VEvent>getComponents("VEVENT").stream()
                .map(e -> e.getProperty(Property.UID).orElseThrow().getValue())
                .sorted()
                .toList();
    }
}
