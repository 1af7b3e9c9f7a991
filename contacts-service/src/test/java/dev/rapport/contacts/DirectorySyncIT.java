package dev.rapport.contacts;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.rapport.contacts.directory.DirectorySync;
import dev.rapport.contacts.directory.Pauses;
import dev.rapport.testkit.ApiClient;
import dev.rapport.testkit.RapportIntegrationTest;
import dev.rapport.testkit.TestIdentity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The alumni-directory sync against a directory stubbed with WireMock: pagination and polling by
 * {@code updated_since}, linking, new jobs and promotions, 429 with Retry-After, 5xx with retries,
 * malformed records and resuming after a crash. Each test has a tenant of its own.
 */
@RapportIntegrationTest
@Import(DirectorySyncIT.RecordedPauses.class)
class DirectorySyncIT {

    static final WireMockServer DIRECTORY =
            new WireMockServer(WireMockConfiguration.options().dynamicPort());
    static final List<String> TENANTS =
            List.of("t-pages", "t-promotion", "t-429", "t-5xx", "t-down", "t-malformed", "t-resume");

    static {
        DIRECTORY.start();
    }

    @DynamicPropertySource
    static void directory(DynamicPropertyRegistry registry) {
        // The stubbed directory listens on loopback.
        registry.add("rapport.outbound.allow-private", () -> "true");
        registry.add("rapport.contacts.directory.poll-interval", () -> "PT1H");
        registry.add("rapport.contacts.directory.page-size", () -> "2");
        registry.add("rapport.contacts.directory.max-attempts", () -> "3");
        for (String tenant : TENANTS) {
            registry.add(
                    "rapport.contacts.directory.tenants." + tenant + ".base-url",
                    () -> DIRECTORY.baseUrl() + "/" + tenant);
            registry.add("rapport.contacts.directory.tenants." + tenant + ".token", () -> "token-" + tenant);
        }
    }

    /** Sees the waits between attempts instead of sitting through them. */
    @TestConfiguration
    static class RecordedPauses {
        static final List<Duration> PAUSES = new CopyOnWriteArrayList<>();

        @Bean
        @Primary
        Pauses recordedPauses() {
            return PAUSES::add;
        }
    }

    @AfterAll
    static void stop() {
        DIRECTORY.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    DirectorySync sync;

    String member;

    @BeforeEach
    void reset() {
        DIRECTORY.resetAll();
        RecordedPauses.PAUSES.clear();
        member = "member-" + UUID.randomUUID();
    }

    private ApiClient api(String tenant) {
        return ApiClient.asMember(port, member, tenant, TestIdentity.ALL_SCOPES);
    }

    private String contact(String tenant, Map<String, Object> body) {
        var answer = api(tenant).post("/api/v1/contacts", body);
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(201);
        return answer.json().get("id").asString();
    }

    private static String profile(String id, String url, String email, String employer, String title, String at) {
        return """
                {"id":"%s","firstName":"P","lastName":"%s","emails":[%s],"profileUrl":%s,"employer":"%s","title":"%s",\
                "updatedAt":"%s"}""".formatted(
                        id,
                        id,
                        email == null ? "" : "\"" + email + "\"",
                        url == null ? "null" : "\"" + url + "\"",
                        employer,
                        title,
                        at);
    }

    private static String page(String next, String... items) {
        return "{\"items\":[" + String.join(",", items) + "],\"nextCursor\":"
                + (next == null ? "null" : "\"" + next + "\"") + "}";
    }

    @Test
    void followsEveryPageLinksContactsAndRecordsANewJobOnceWhenTheEmployerChanges() {
        String tenant = "t-pages";
        String ana = contact(
                tenant, Map.of("firstName", "Ana", "profileUrls", List.of("https://www.linkedin.com/in/ana-gomez")));
        String luis =
                contact(tenant, Map.of("firstName", "Luis", "company", "Acme", "emails", List.of("Luis@Example.com")));
        contact(tenant, Map.of("firstName", "Nobody"));
        DIRECTORY.stubFor(get(urlPathEqualTo("/t-pages/profiles"))
                .withQueryParam("cursor", absent())
                .withQueryParam("updated_since", absent())
                .willReturn(okJson(page(
                        "c2",
                        profile(
                                "p-ana",
                                "http://linkedin.com/in/ana-gomez/",
                                null,
                                "Globant",
                                "Engineer",
                                "2025-01-01T10:00:00Z"),
                        profile("p-x", null, "x@example.com", "X", "Y", "2025-01-02T10:00:00Z")))));
        DIRECTORY.stubFor(get(urlPathEqualTo("/t-pages/profiles"))
                .withQueryParam("cursor", equalTo("c2"))
                .willReturn(okJson(page(
                        null, profile("p-luis", null, "luis@example.com", "Acme", "CTO", "2025-01-03T10:00:00Z")))));

        DirectorySync.Report first = sync.sync(tenant);

        assertThat(first.completed()).isTrue();
        assertThat(first.pages()).isEqualTo(2);
        assertThat(first.profiles()).isEqualTo(3);
        assertThat(first.linked()).isEqualTo(2);
        assertThat(first.milestones()).as("a first link is no news").isZero();
        JsonNode anaNow = api(tenant).get("/api/v1/contacts/" + ana).json();
        assertThat(anaNow.get("directoryProfileId").asString()).isEqualTo("p-ana");
        assertThat(anaNow.get("company").asString())
                .as("an empty company is filled")
                .isEqualTo("Globant");
        assertThat(api(tenant)
                        .get("/api/v1/contacts/" + luis)
                        .json()
                        .get("title")
                        .asString())
                .isEqualTo("CTO");
        DIRECTORY.verify(getRequestedFor(urlPathEqualTo("/t-pages/profiles"))
                .withHeader("Authorization", equalTo("Bearer token-t-pages")));

        DIRECTORY.stubFor(get(urlPathEqualTo("/t-pages/profiles"))
                .withQueryParam("updated_since", equalTo("2025-01-03T10:00:00Z"))
                .willReturn(okJson(page(
                        null,
                        profile(
                                "p-ana",
                                "https://linkedin.com/in/ana-gomez",
                                null,
                                "Mercado Libre",
                                "Tech Lead",
                                "2025-02-01T09:00:00Z")))));

        DirectorySync.Report second = sync.sync(tenant);
        DirectorySync.Report third = sync.sync(tenant);

        assertThat(second.milestones()).isEqualTo(1);
        assertThat(third.milestones())
                .as("the same profile seen again is no news")
                .isZero();
        anaNow = api(tenant).get("/api/v1/contacts/" + ana).json();
        assertThat(anaNow.get("company").asString()).isEqualTo("Mercado Libre");
        assertThat(anaNow.get("title").asString()).isEqualTo("Tech Lead");
        JsonNode milestones =
                api(tenant).get("/api/v1/contacts/" + ana + "/milestones").json();
        assertThat(milestones).hasSize(1);
        assertThat(milestones.get(0).get("kind").asString()).isEqualTo("new-job");
        assertThat(milestones.get(0).get("title").asString()).isEqualTo("Tech Lead · Mercado Libre");
        try (MemberEvents events = new MemberEvents(member)) {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> events.of("MilestoneRecorded").size() == 1);
            JsonNode recorded = events.of("MilestoneRecorded").getFirst();
            assertThat(recorded.get("kind").asString()).isEqualTo("new-job");
            assertThat(recorded.get("contactId").asString()).isEqualTo(ana);
            assertThat(recorded.get("date").asString()).isEqualTo("2025-02-01");
        }
    }

    @Test
    void aTitleChangeAtTheSameEmployerIsAPromotion() {
        String tenant = "t-promotion";
        String ana = contact(tenant, Map.of("firstName", "Ana", "emails", List.of("ana@example.com")));
        DIRECTORY.stubFor(get(urlPathEqualTo("/t-promotion/profiles"))
                .withQueryParam("updated_since", absent())
                .willReturn(okJson(
                        page(null, profile("p-ana", null, "ana@example.com", "SAP", "PM", "2025-01-01T10:00:00Z")))));
        DIRECTORY.stubFor(get(urlPathEqualTo("/t-promotion/profiles"))
                .withQueryParam("updated_since", equalTo("2025-01-01T10:00:00Z"))
                .willReturn(okJson(page(
                        null,
                        profile("p-ana", null, "ana@example.com", "SAP SE", "Director", "2025-03-01T10:00:00Z")))));

        sync.sync(tenant);
        DirectorySync.Report promoted = sync.sync(tenant);

        assertThat(promoted.milestones()).isEqualTo(1);
        assertThat(api(tenant)
                        .get("/api/v1/contacts/" + ana + "/milestones")
                        .json()
                        .get(0)
                        .get("kind")
                        .asString())
                .isEqualTo("promotion");
    }

    @Test
    void a429WaitsWhatRetryAfterSaysAndThenGoesOn() {
        String tenant = "t-429";
        contact(tenant, Map.of("firstName", "Ana", "emails", List.of("ana@example.com")));
        DIRECTORY.stubFor(get(urlPathEqualTo("/t-429/profiles"))
                .inScenario("rate")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7"))
                .willSetStateTo("allowed"));
        DIRECTORY.stubFor(get(urlPathEqualTo("/t-429/profiles"))
                .inScenario("rate")
                .whenScenarioStateIs("allowed")
                .willReturn(okJson(
                        page(null, profile("p-ana", null, "ana@example.com", "SAP", "PM", "2025-01-01T10:00:00Z")))));

        DirectorySync.Report report = sync.sync(tenant);

        assertThat(report.completed()).isTrue();
        assertThat(report.linked()).isEqualTo(1);
        assertThat(RecordedPauses.PAUSES).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void serverErrorsAreRetriedWithLongerWaitsUntilTheDirectoryAnswers() {
        String tenant = "t-5xx";
        contact(tenant, Map.of("firstName", "Ana", "emails", List.of("ana@example.com")));
        DIRECTORY.stubFor(get(urlPathEqualTo("/t-5xx/profiles"))
                .inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("still"));
        DIRECTORY.stubFor(get(urlPathEqualTo("/t-5xx/profiles"))
                .inScenario("flaky")
                .whenScenarioStateIs("still")
                .willReturn(aResponse().withStatus(502))
                .willSetStateTo("up"));
        DIRECTORY.stubFor(get(urlPathEqualTo("/t-5xx/profiles"))
                .inScenario("flaky")
                .whenScenarioStateIs("up")
                .willReturn(okJson(
                        page(null, profile("p-ana", null, "ana@example.com", "SAP", "PM", "2025-01-01T10:00:00Z")))));

        DirectorySync.Report report = sync.sync(tenant);

        assertThat(report.completed()).isTrue();
        assertThat(report.linked()).isEqualTo(1);
        assertThat(RecordedPauses.PAUSES).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void aDirectoryThatKeepsFailingStopsTheRunWithTheReasonAfterTheLastAttempt() {
        DIRECTORY.stubFor(
                get(urlPathEqualTo("/t-down/profiles")).willReturn(aResponse().withStatus(500)));

        DirectorySync.Report report = sync.sync("t-down");

        assertThat(report.completed()).isFalse();
        assertThat(report.error()).contains("3 times").contains("HTTP 500");
        DIRECTORY.verify(3, getRequestedFor(urlPathEqualTo("/t-down/profiles")));
    }

    @Test
    void malformedRecordsAreReportedAndSkippedAndTheRestIsSynced() {
        String tenant = "t-malformed";
        String ana = contact(tenant, Map.of("firstName", "Ana", "emails", List.of("ana@example.com")));
        String luis = contact(tenant, Map.of("firstName", "Luis", "emails", List.of("luis@example.com")));
        DIRECTORY.stubFor(get(urlPathEqualTo("/t-malformed/profiles"))
                .willReturn(okJson(page(
                        null,
                        profile("p-ana", null, "ana@example.com", "SAP", "PM", "2025-01-01T10:00:00Z"),
                        "{\"firstName\":\"No id\"}",
                        "{\"id\":\"p-bad-date\",\"updatedAt\":\"yesterday\"}",
                        "\"just text\"",
                        "{\"id\":\"p-bad-emails\",\"emails\":\"a@b.c\",\"updatedAt\":\"2025-01-01T10:00:00Z\"}",
                        profile("p-luis", null, "luis@example.com", "Acme", "CTO", "2025-01-01T10:00:00Z")))));

        DirectorySync.Report report = sync.sync(tenant);

        assertThat(report.completed()).isTrue();
        assertThat(report.malformed())
                .extracting(m -> m.position() + ":" + m.profileId())
                .containsExactly("1:null", "2:p-bad-date", "3:null", "4:p-bad-emails");
        assertThat(report.linked()).isEqualTo(2);
        assertThat(api(tenant)
                        .get("/api/v1/contacts/" + ana)
                        .json()
                        .get("directoryProfileId")
                        .asString())
                .isEqualTo("p-ana");
        assertThat(api(tenant)
                        .get("/api/v1/contacts/" + luis)
                        .json()
                        .get("directoryProfileId")
                        .asString())
                .isEqualTo("p-luis");
    }

    @Test
    void aRunThatStopsMidWayResumesFromThePageItStoppedAt() {
        String tenant = "t-resume";
        String ana = contact(tenant, Map.of("firstName", "Ana", "emails", List.of("ana@example.com")));
        String luis = contact(tenant, Map.of("firstName", "Luis", "emails", List.of("luis@example.com")));
        DIRECTORY.stubFor(get(urlPathEqualTo("/t-resume/profiles"))
                .withQueryParam("cursor", absent())
                .willReturn(okJson(page(
                        "page-2", profile("p-ana", null, "ana@example.com", "SAP", "PM", "2025-01-01T10:00:00Z")))));
        DIRECTORY.stubFor(get(urlPathEqualTo("/t-resume/profiles"))
                .withQueryParam("cursor", equalTo("page-2"))
                .willReturn(aResponse().withStatus(500)));

        DirectorySync.Report crashed = sync.sync(tenant);

        assertThat(crashed.completed()).isFalse();
        assertThat(api(tenant)
                        .get("/api/v1/contacts/" + ana)
                        .json()
                        .get("directoryProfileId")
                        .asString())
                .as("the first page was synced")
                .isEqualTo("p-ana");

        DIRECTORY.resetRequests();
        DIRECTORY.stubFor(get(urlPathEqualTo("/t-resume/profiles"))
                .withQueryParam("cursor", equalTo("page-2"))
                .willReturn(okJson(page(
                        null, profile("p-luis", null, "luis@example.com", "Acme", "CTO", "2025-01-02T10:00:00Z")))));

        DirectorySync.Report resumed = sync.sync(tenant);

        assertThat(resumed.completed()).isTrue();
        assertThat(resumed.pages()).isEqualTo(1);
        DIRECTORY.verify(
                0, getRequestedFor(urlPathEqualTo("/t-resume/profiles")).withQueryParam("cursor", absent()));
        assertThat(api(tenant)
                        .get("/api/v1/contacts/" + luis)
                        .json()
                        .get("directoryProfileId")
                        .asString())
                .isEqualTo("p-luis");
    }
}
