package dev.rapport.contacts.capture;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.rapport.testkit.ApiClient;
import dev.rapport.testkit.ApiClient.Answer;
import dev.rapport.testkit.KafkaProbe;
import dev.rapport.testkit.RapportIntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calendar sync against Google- and Outlook-shaped feeds served by WireMock: past meetings with contacts become
 * meeting interactions once per occurrence and contact, conditional GETs, moved and cancelled meetings, meetings
 * ahead announced, failing calendars with their status, and the API's privacy of the address.
 */
@RapportIntegrationTest
class CalendarSyncIT {

    static final WireMockServer FEEDS =
            new WireMockServer(WireMockConfiguration.options().dynamicPort());
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static {
        FEEDS.start();
    }

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        // The stubbed calendars listen on loopback.
        registry.add("rapport.outbound.allow-private", () -> "true");
        // The tests sync by hand; the fixtures' meetings stay within the window whenever the tests run.
        registry.add("rapport.contacts.capture.calendars.sweep-interval", () -> "PT1H");
        registry.add("rapport.contacts.capture.calendars.lookback", () -> "P3650D");
    }

    @AfterAll
    static void stop() {
        FEEDS.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    CalendarSync sync;

    @Autowired
    MongoTemplate mongo;

    String member;
    ApiClient api;
    String ana;
    String jose;
    String priya;

    @BeforeEach
    void memberWithContacts() {
        member = "member-" + UUID.randomUUID();
        api = ApiClient.asMember(port, member);
        ana = add("Ana", "Gómez", "ana.gomez@example.com");
        jose = add("José", "Núñez", "jose.nunez@example.com");
        priya = add("Priya", "Sharma", "Priya@Example.com");
    }

    private String add(String first, String last, String email) {
        Answer answer =
                api.post("/api/v1/contacts", Map.of("firstName", first, "lastName", last, "emails", List.of(email)));
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(201);
        return answer.json().get("id").asString();
    }

    static String fixture(String name) {
        try (InputStream in = CalendarSyncIT.class.getResourceAsStream("/capture/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Serves {@code ics} at a path of this member with ETag {@code etag}, and 304 to a request that has it (instead
     * of what was served there before).
     */
    private String serve(String name, String ics, String etag) {
        String path = "/" + member + "/" + name + ".ics";
        // A changed feed has a new ETag: the old one no longer answers 304.
        FEEDS.listAllStubMappings().getMappings().stream()
                .filter(m -> path.equals(m.getRequest().getUrl()))
                .toList()
                .forEach(FEEDS::removeStub);
        FEEDS.stubFor(get(urlEqualTo(path))
                .atPriority(5)
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/calendar; charset=utf-8")
                        .withHeader("ETag", etag)
                        .withBody(ics)));
        FEEDS.stubFor(get(urlEqualTo(path))
                .atPriority(1)
                .withHeader("If-None-Match", equalTo(etag))
                .willReturn(aResponse().withStatus(304).withHeader("ETag", etag)));
        return FEEDS.baseUrl() + path;
    }

    private String connect(String url, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(extra);
        body.put("url", url);
        Answer answer = api.post("/api/v1/sync/calendars", body);
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(201);
        assertThat(answer.raw().body()).doesNotContain(member + "/");
        return answer.json().get("id").asString();
    }

    private List<JsonNode> meetingsWith(String contactId) {
        List<JsonNode> found = new ArrayList<>();
        api.get("/api/v1/contacts/" + contactId + "/interactions?limit=500")
                .json()
                .forEach(i -> {
                    if ("meeting".equals(i.get("type").asString())) {
                        found.add(i);
                    }
                });
        return found;
    }

    private static List<String> ends(List<JsonNode> meetings) {
        return meetings.stream().map(i -> i.get("occurredAt").asString()).toList();
    }

    @Test
    void pastMeetingsWithContactsBecomeOneInteractionPerOccurrenceAndContactAtTheirEnd() {
        String id = connect(serve("google", fixture("google-calendar.ics"), "\"v1\""), Map.of());

        assertThat(sync.sync(id)).isTrue();

        List<String> withAna = ends(meetingsWith(ana));
        assertThat(withAna)
                .contains(
                        "2026-10-05T07:30:00Z",
                        "2026-10-12T07:30:00Z",
                        "2026-10-27T16:30:00Z",
                        "2026-11-09T08:30:00Z",
                        "2026-11-30T08:30:00Z")
                .as("the EXDATE, the moved occurrence's original slot, the cancelled occurrence")
                .doesNotContain("2026-10-19T07:30:00Z", "2026-10-26T08:30:00Z", "2026-11-02T08:30:00Z")
                .doesNotHaveDuplicates()
                .allSatisfy(end -> assertThat(Instant.parse(end)).isBefore(Instant.now()));
        List<JsonNode> withJose = meetingsWith(jose);
        assertThat(withJose).hasSize(1);
        assertThat(withJose.getFirst().get("occurredAt").asString()).isEqualTo("2026-11-12T16:00:00Z");
        assertThat(withJose.getFirst().get("summary").asString()).isEqualTo("Café con José");
        assertThat(meetingsWith(priya)).as("her lunch was cancelled").isEmpty();
        assertThat(api.get("/api/v1/contacts/" + jose)
                        .json()
                        .get("lastInteractionAt")
                        .asString())
                .isEqualTo("2026-11-12T16:00:00Z");

        JsonNode source = api.get("/api/v1/sync/calendars/" + id).json();
        assertThat(source.get("status").asString()).isEqualTo("ok");
        assertThat(source.get("host").asString()).isEqualTo("localhost");
        assertThat(source.get("counts").get("interactionsLogged").asLong()).isEqualTo(withAna.size() + 1);
        assertThat(source.toString()).doesNotContain(".ics");

        assertThat(sync.sync(id)).isTrue();
        FEEDS.verify(getRequestedFor(urlEqualTo("/" + member + "/google.ics"))
                .withHeader("If-None-Match", equalTo("\"v1\"")));
        assertThat(ends(meetingsWith(ana))).as("a 304 logs nothing twice").isEqualTo(withAna);
    }

    @Test
    void theWeeklyMeetingAheadIsAnnouncedForAPrepareReminder() {
        String id = connect(serve("ahead", fixture("google-calendar.ics"), "\"a1\""), Map.of());

        sync.sync(id);

        List<JsonNode> scheduled = events("MeetingScheduled");
        assertThat(scheduled).isNotEmpty();
        JsonNode next = scheduled.getFirst();
        assertThat(Instant.parse(next.get("startsAt").asString())).isAfter(Instant.now());
        assertThat(next.get("title").asString()).startsWith("1:1 Ana / Alice");
        assertThat(next.get("contacts").get(0).get("contactId").asString()).isEqualTo(ana);
        assertThat(next.get("sourceId").asString()).isEqualTo(id);
        assertThat(api.get("/api/v1/sync/calendars/" + id)
                        .json()
                        .get("counts")
                        .get("upcoming")
                        .asInt())
                .isEqualTo(scheduled.size());
    }

    @Test
    void aMeetingCancelledOrMovedAfterItWasCapturedLosesOrMovesItsInteractionAndPutsTheClockBack() {
        Answer call = api.post(
                "/api/v1/interactions",
                Map.of(
                        "contactIds", List.of(jose),
                        "type", "call",
                        "occurredAt", "2026-11-01T09:00:00Z",
                        "summary", "Call about the SLO"));
        assertThat(call.status()).as(call.raw().body()).isEqualTo(201);
        String google = fixture("google-calendar.ics");
        String url = serve("changing", google, "\"c1\"");
        String id = connect(url, Map.of());
        sync.sync(id);
        assertThat(meetingsWith(jose)).hasSize(1);
        String removedId = meetingsWith(jose).getFirst().get("id").asString();
        assertThat(lastInteractionOf(jose)).isEqualTo("2026-11-12T16:00:00Z");

        String cancelled = google.replace(
                "STATUS:CONFIRMED\r\nSUMMARY:Café con José", "STATUS:CANCELLED\r\nSUMMARY:Café con José");
        serve("changing", cancelled, "\"c2\"");
        sync.sync(id);

        assertThat(meetingsWith(jose)).isEmpty();
        assertThat(api.get("/api/v1/sync/calendars/" + id)
                        .json()
                        .get("counts")
                        .get("interactionsRemoved")
                        .asLong())
                .isEqualTo(1);
        JsonNode contact = api.get("/api/v1/contacts/" + jose).json();
        assertThat(contact.get("lastInteractionAt").asString())
                .as("the clock goes back to the newest remaining interaction")
                .isEqualTo("2026-11-01T09:00:00Z");
        JsonNode removal = events(
                        "InteractionRemoved",
                        found -> found.stream()
                                .anyMatch(e ->
                                        removedId.equals(e.get("interactionId").asString())))
                .stream()
                .filter(e -> removedId.equals(e.get("interactionId").asString()))
                .findFirst()
                .orElseThrow();
        assertThat(removal.get("contactId").asString()).isEqualTo(jose);
        assertThat(removal.get("type").asString()).isEqualTo("meeting");
        assertThat(removal.get("interactionAt").asString()).isEqualTo("2026-11-12T16:00:00Z");
        assertThat(removal.get("lastInteractionAt").asString()).isEqualTo("2026-11-01T09:00:00Z");
        assertThat(removal.get("lastInteractionSummary").asString()).isEqualTo("Call about the SLO");

        String moved = google.replace(
                "DTSTART:20261112T150000Z\r\nDTEND:20261112T160000Z",
                "DTSTART:20261113T090000Z\r\nDTEND:20261113T100000Z");
        serve("changing", moved, "\"c3\"");
        sync.sync(id);

        assertThat(ends(meetingsWith(jose))).containsExactly("2026-11-13T10:00:00Z");
        assertThat(lastInteractionOf(jose)).isEqualTo("2026-11-13T10:00:00Z");
    }

    @Test
    void removingACalendarWithWhatItCapturedPutsTheClocksBackToWhenTheContactsWereAdded() {
        String id = connect(serve("clock", fixture("google-calendar.ics"), "\"k1\""), Map.of());
        sync.sync(id);
        assertThat(lastInteractionOf(ana)).isNotNull();

        assertThat(api.delete("/api/v1/sync/calendars/" + id + "?removeCaptured=true")
                        .status())
                .isEqualTo(204);

        JsonNode after = api.get("/api/v1/contacts/" + ana).json();
        assertThat(after.get("lastInteractionAt").isNull()).isTrue();
        assertThat(Instant.parse(after.get("nextTouchDueAt").asString()))
                .as("as for a contact never met: from when it was added")
                .isEqualTo(Instant.parse(after.get("createdAt").asString())
                        .plus(Duration.ofDays(after.get("cadenceDays").asLong())));
        assertThat(events("InteractionRemoved", about(ana, jose)))
                .extracting(e -> e.get("contactId").asString())
                .contains(ana, jose);
    }

    private String lastInteractionOf(String contactId) {
        JsonNode at = api.get("/api/v1/contacts/" + contactId).json().get("lastInteractionAt");
        return at == null || at.isNull() ? null : at.asString();
    }

    @Test
    void summariesOffKeepsNoTitleAndOutlooksFeedIsReadInItsWindowsTimeZone() {
        String id = connect(serve("outlook", fixture("outlook-calendar.ics"), "\"o1\""), Map.of("summaries", false));

        sync.sync(id);

        List<JsonNode> withPriya = meetingsWith(priya);
        assertThat(ends(withPriya))
                .containsExactly(
                        "2026-11-24T09:00:00Z", "2026-11-12T10:00:00Z", "2026-10-27T09:00:00Z", "2026-09-29T08:00:00Z");
        assertThat(withPriya)
                .allSatisfy(i -> assertThat(i.get("summary").isNull()).isTrue());
    }

    @Test
    void aFailingCalendarGetsItsErrorOnItsStatusAndNeverStopsTheOthers() {
        String path = "/" + member + "/gone.ics";
        FEEDS.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withStatus(404)));
        String html = "/" + member + "/login.ics";
        FEEDS.stubFor(get(urlEqualTo(html))
                .willReturn(aResponse().withStatus(200).withBody("<html><body>Sign in</body></html>")));
        String gone = connect(FEEDS.baseUrl() + path, Map.of());
        String login = connect(FEEDS.baseUrl() + html, Map.of());
        String good = connect(serve("good", fixture("google-calendar.ics"), "\"g1\""), Map.of());

        sync.sweep();

        JsonNode goneView = api.get("/api/v1/sync/calendars/" + gone).json();
        assertThat(goneView.get("status").asString()).isEqualTo("error");
        assertThat(goneView.get("error").get("code").asString()).isEqualTo("not-found");
        assertThat(api.get("/api/v1/sync/calendars/" + login)
                        .json()
                        .get("error")
                        .get("code")
                        .asString())
                .isEqualTo("not-icalendar");
        assertThat(api.get("/api/v1/sync/calendars/" + good)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("ok");
        assertThat(meetingsWith(jose)).hasSize(1);
    }

    @Test
    void addressesThatMayNotBeFetchedAreRefusedAndAnotherMembersCalendarIsNotFound() {
        Answer ftp = api.post("/api/v1/sync/calendars", Map.of("url", "ftp://calendar.example.com/x.ics"));
        String id = connect(serve("mine", fixture("google-calendar.ics"), "\"m1\""), Map.of());
        ApiClient other = ApiClient.asMember(port, "member-" + UUID.randomUUID());

        assertThat(ftp.status()).isEqualTo(400);
        assertThat(ftp.contentType()).startsWith("application/problem+json");
        assertThat(other.get("/api/v1/sync/calendars/" + id).status()).isEqualTo(404);
        assertThat(other.delete("/api/v1/sync/calendars/" + id).status()).isEqualTo(404);
        assertThat(other.get("/api/v1/sync/calendars").json()).isEmpty();
        assertThat(api.get("/api/v1/sync/calendars").json()).hasSize(1);
    }

    @Test
    void removingACalendarWithWhatItCapturedRemovesItsInteractionsAndWithdrawsItsMeetingsAhead() {
        String id = connect(serve("removed", fixture("google-calendar.ics"), "\"r1\""), Map.of());
        sync.sync(id);
        assertThat(meetingsWith(jose)).hasSize(1);

        Answer removed = api.delete("/api/v1/sync/calendars/" + id + "?removeCaptured=true");

        assertThat(removed.status()).isEqualTo(204);
        assertThat(meetingsWith(jose)).isEmpty();
        assertThat(meetingsWith(ana)).isEmpty();
        assertThat(api.get("/api/v1/sync/calendars/" + id).status()).isEqualTo(404);
        assertThat(events("MeetingCancelled")).isNotEmpty();
    }

    @Test
    void aPausedCalendarIsNotFetchedAndResumingItSyncsItAgain() {
        String id = connect(serve("paused", fixture("google-calendar.ics"), "\"p1\""), Map.of());

        Answer paused = api.patch("/api/v1/sync/calendars/" + id, Map.of("paused", true, "summaries", false));
        boolean synced = sync.sync(id);

        assertThat(paused.status()).as(paused.raw().body()).isEqualTo(200);
        assertThat(paused.json().get("paused").asBoolean()).isTrue();
        assertThat(paused.json().get("summaries").asBoolean()).isFalse();
        assertThat(synced).isFalse();
        assertThat(FEEDS.findAll(getRequestedFor(urlEqualTo("/" + member + "/paused.ics"))))
                .isEmpty();

        api.patch("/api/v1/sync/calendars/" + id, Map.of("paused", false));
        assertThat(sync.sync(id)).isTrue();
        assertThat(meetingsWith(jose).getFirst().get("summary").isNull()).isTrue();
    }

    @Test
    void theMembersExportShowsTheirCalendarsWithoutAddressesAndErasureRemovesThem() {
        String id = connect(serve("exported", fixture("google-calendar.ics"), "\"e1\""), Map.of("name", "Work"));
        sync.sync(id);

        Answer export = api.get("/api/v1/me/export");

        assertThat(export.status()).isEqualTo(200);
        JsonNode calendar = export.json().get("calendars").get(0);
        assertThat(calendar.get("name").asString()).isEqualTo("Work");
        assertThat(calendar.get("host").asString()).isEqualTo("localhost");
        assertThat(export.raw().body()).doesNotContain("exported.ics").doesNotContain("v1:");
        assertThat(export.json().get("interactions").toString()).contains("Café con José");

        assertThat(api.delete("/api/v1/me").status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> mongo.findById(id, CalendarSourceDocument.class) == null);
    }

    private List<JsonNode> events(String type) {
        return events(type, found -> !found.isEmpty());
    }

    /**
     * The member's events of a type on contacts.events once {@code enough} holds for them: the relay publishes each
     * aggregate's outbox on its own, so the first events seen need not be all the test waits for.
     */
    private List<JsonNode> events(String type, Predicate<List<JsonNode>> enough) {
        String ceType = "rapport.contacts." + type + ".v1";
        try (KafkaProbe probe = KafkaProbe.reading("contacts.events")) {
            return await().atMost(Duration.ofSeconds(60))
                    .until(
                            () -> probe.poll().stream()
                                    .filter(r ->
                                            member.equals(r.key()) && ceType.equals(KafkaProbe.header(r, "ce_type")))
                                    .map(r -> JSON.readTree(r.value()))
                                    .toList(),
                            enough);
        }
    }

    private static Predicate<List<JsonNode>> about(String... contactIds) {
        return found ->
                found.stream().map(e -> e.get("contactId").asString()).toList().containsAll(List.of(contactIds));
    }
}
