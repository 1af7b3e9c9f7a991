package dev.rapport.contacts.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rapport.testkit.ApiClient;
import dev.rapport.testkit.ApiClient.Answer;
import dev.rapport.testkit.RapportIntegrationTest;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * CalDAV collections with credentials, against a real CalDAV server: Debian's Radicale, started by the test on a
 * free loopback port with its own users and storage (skipped, saying why, when {@code radicale} is not installed;
 * {@code .ci/run} installs it). Events are put with PUT as any CalDAV client does; the sync asks for the window's
 * events with a calendar-query REPORT and reads each object with the same iCalendar code as a feed.
 */
@RapportIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class CalDavSyncIT {

    private static final String PASSWORD = "correct-horse-" + UUID.randomUUID();
    private static final DateTimeFormatter ICS_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    static Process radicale;
    static Path home;
    static int davPort;

    @BeforeAll
    static void startRadicale() throws Exception {
        Assumptions.assumeTrue(
                installed(),
                "radicale (a CalDAV server, Debian package radicale) is not installed: apt-get install -y radicale"
                        + " (.ci/run installs it)");
        home = Files.createTempDirectory("radicale");
        Files.writeString(home.resolve("users"), "alice:" + PASSWORD + "\n");
        try (ServerSocket free = new ServerSocket(0)) {
            davPort = free.getLocalPort();
        }
        Files.writeString(
                home.resolve("config"), """
                [server]
                hosts = 127.0.0.1:%d
                [auth]
                type = htpasswd
                htpasswd_filename = %s
                htpasswd_encryption = plain
                [storage]
                filesystem_folder = %s
                [rights]
                type = owner_only
                [logging]
                level = warning
                """.formatted(davPort, home.resolve("users"), home.resolve("collections")));
        radicale = new ProcessBuilder(
                        "radicale", "--config", home.resolve("config").toString())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("radicale.log").toFile())
                .start();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            try (Socket ignored = new Socket("127.0.0.1", davPort)) {
                return true;
            } catch (IOException notYet) {
                return false;
            }
        });
    }

    private static boolean installed() {
        try {
            Process version = new ProcessBuilder("radicale", "--version")
                    .redirectErrorStream(true)
                    .start();
            return version.waitFor(20, TimeUnit.SECONDS) && version.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @AfterAll
    static void stopRadicale() throws InterruptedException {
        if (radicale != null) {
            radicale.destroy();
            radicale.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        // Radicale listens on loopback; the tests sync by hand.
        registry.add("rapport.outbound.allow-private", () -> "true");
        registry.add("rapport.contacts.capture.calendars.sweep-interval", () -> "PT1H");
    }

    @LocalServerPort
    int port;

    @Autowired
    CalendarSync sync;

    String member;
    ApiClient api;
    String ana;
    String jose;
    String collection;
    Instant coffeeEnd;

    @BeforeEach
    void memberWithContactsAndACalendarCollection() throws Exception {
        member = "member-" + UUID.randomUUID();
        api = ApiClient.asMember(port, member);
        ana = add("Ana", "Gómez", "ana.gomez@example.com");
        jose = add("José", "Núñez", "jose.nunez@example.com");
        collection = "http://127.0.0.1:" + davPort + "/alice/" + UUID.randomUUID() + "/";
        assertThat(dav("MKCALENDAR", collection, null).statusCode()).isEqualTo(201);

        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        coffeeEnd = hour.minus(Duration.ofDays(3));
        put(
                "coffee",
                event(
                        "coffee",
                        coffeeEnd.minus(Duration.ofHours(1)),
                        coffeeEnd,
                        "Coffee with Ana",
                        "ana.gomez@example.com",
                        ""));
        Instant standup = hour.minus(Duration.ofDays(20));
        put(
                "standup",
                event(
                        "standup",
                        standup,
                        standup.plus(Duration.ofMinutes(30)),
                        "Weekly with José",
                        "jose.nunez@example.com",
                        "RRULE:FREQ=WEEKLY;COUNT=3\r\nEXDATE:" + ICS_TIME.format(standup.plus(Duration.ofDays(7)))
                                + "\r\n"));
        Instant old = hour.minus(Duration.ofDays(400));
        put("old", event("old", old, old.plus(Duration.ofHours(1)), "Long ago", "ana.gomez@example.com", ""));
    }

    private String add(String first, String last, String email) {
        Answer answer =
                api.post("/api/v1/contacts", Map.of("firstName", first, "lastName", last, "emails", List.of(email)));
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(201);
        return answer.json().get("id").asString();
    }

    private static String event(String uid, Instant start, Instant end, String title, String attendee, String extra) {
        return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Rapport tests//CalDAV//EN\r\nBEGIN:VEVENT\r\n"
                + "UID:" + uid + "@example.org\r\nDTSTAMP:" + ICS_TIME.format(start) + "\r\n"
                + "DTSTART:" + ICS_TIME.format(start) + "\r\nDTEND:" + ICS_TIME.format(end) + "\r\n"
                + extra
                + "SUMMARY:" + title + "\r\nORGANIZER:mailto:alice@example.org\r\n"
                + "ATTENDEE;PARTSTAT=ACCEPTED:mailto:" + attendee + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    }

    private void put(String name, String ics) throws Exception {
        assertThat(dav("PUT", collection + name + ".ics", ics).statusCode()).isEqualTo(201);
    }

    private static HttpResponse<String> dav(String method, String url, String ics) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString(("alice:" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .method(
                        method,
                        ics == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(ics));
        if (ics != null) {
            request.header("Content-Type", "text/calendar; charset=utf-8");
        }
        // A client (a connection) per request: Radicale closes an idle keep-alive connection, and a PUT that the
        // JDK's client sends on a connection the server has just closed fails with "header parser received no bytes"
        // instead of being retried (it retries only idempotent methods without a body).
        try (HttpClient dav = HttpClient.newHttpClient()) {
            return dav.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private String connect(String password) {
        Map<String, Object> body = new HashMap<>();
        body.put("url", collection);
        body.put("username", "alice");
        body.put("password", password);
        body.put("name", "Radicale");
        Answer answer = api.post("/api/v1/sync/calendars", body);
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(201);
        return answer.json().get("id").asString();
    }

    private List<String> meetingEnds(String contactId) {
        List<String> ends = new ArrayList<>();
        api.get("/api/v1/contacts/" + contactId + "/interactions?limit=500")
                .json()
                .forEach(i -> {
                    if ("meeting".equals(i.get("type").asString())) {
                        ends.add(i.get("occurredAt").asString());
                    }
                });
        return ends;
    }

    @Test
    void aCalDavCollectionsPastMeetingsWithContactsAreCapturedAndAnEventDeletedOnTheServerLosesItsInteraction()
            throws Exception {
        String id = connect(PASSWORD);

        assertThat(sync.sync(id)).isTrue();

        JsonNode view = api.get("/api/v1/sync/calendars/" + id).json();
        assertThat(view.get("status").asString()).as(view.toString()).isEqualTo("ok");
        assertThat(view.get("kind").asString()).isEqualTo("caldav");
        assertThat(view.get("host").asString()).isEqualTo("127.0.0.1");
        assertThat(meetingEnds(ana)).as("not the meeting long ago").containsExactly(coffeeEnd.toString());
        assertThat(meetingEnds(jose))
                .as("two occurrences: the EXDATE'd one is not a meeting")
                .hasSize(2);

        assertThat(dav("DELETE", collection + "coffee.ics", null).statusCode()).isIn(200, 204);
        sync.sync(id);

        assertThat(meetingEnds(ana)).isEmpty();
        assertThat(meetingEnds(jose)).hasSize(2);
    }

    @Test
    void aWrongPasswordIsUnauthorizedOnItsCalendarOnlyAndCredentialsAreNeverShown(CapturedOutput output) {
        String wrongPassword = "wrong-" + UUID.randomUUID();
        String wrong = connect(wrongPassword);
        String good = connect(PASSWORD);

        sync.sweep();

        JsonNode wrongView = api.get("/api/v1/sync/calendars/" + wrong).json();
        assertThat(wrongView.get("status").asString()).isEqualTo("error");
        assertThat(wrongView.get("error").get("code").asString()).isEqualTo("unauthorized");
        assertThat(api.get("/api/v1/sync/calendars/" + good)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("ok");
        assertThat(meetingEnds(ana)).containsExactly(coffeeEnd.toString());

        String answers = api.get("/api/v1/sync/calendars").raw().body();
        String export = api.get("/api/v1/me/export").raw().body();
        for (String shown : List.of(answers, export, output.getAll())) {
            assertThat(shown)
                    .doesNotContain(PASSWORD)
                    .doesNotContain(wrongPassword)
                    .doesNotContain(collection);
        }
        assertThat(answers).doesNotContain("alice");
        assertThat(export).contains("caldav");
    }

    @Test
    void aUsernameWithoutAPasswordIsABadRequest() {
        Answer answer = api.post("/api/v1/sync/calendars", Map.of("url", collection, "username", "alice"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.raw().body()).contains("password");
    }
}
