package dev.rapport.reminders.webhooks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.svix.Webhook;
import com.svix.exceptions.WebhookVerificationException;
import dev.rapport.reminders.support.MutableClock;
import dev.rapport.reminders.support.RemindersIntegrationTest;
import dev.rapport.testkit.ApiClient;
import dev.rapport.testkit.KafkaProbe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@RemindersIntegrationTest
class WebhookSubscriptionsIT {

    static final Duration ASYNC = Duration.ofSeconds(30);
    static WireMockServer receiver;

    @LocalServerPort
    int port;

    @Autowired
    Clock clock;

    @Autowired
    WebhookDeliveries deliveries;

    String member;
    ApiClient api;
    final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    static void startReceiver() {
        receiver = new WireMockServer(options().dynamicPort());
        receiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop();
    }

    @BeforeEach
    void aMember() {
        // Near the real time: Svix's verifier refuses timestamps more than five minutes from its own clock.
        ((MutableClock) clock).set(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        member = "member-" + UUID.randomUUID();
        api = ApiClient.asMember(port, member);
    }

    @Test
    void theSecretIsShownOnceAndAReminderCreatedArrivesAsASignedCloudEventThatSvixVerifies() {
        String path = stub("/hooks/" + member, 204);
        ApiClient.Answer created = subscribe(path, List.of("rapport.reminders."));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        String id = created.json().get("id").asString();
        String secret = created.json().get("secret").asString();
        assertThat(secret).startsWith("whsec_");
        assertThat(created.header("Location")).isEqualTo("/api/v1/webhooks/" + id);
        assertThat(api.get("/api/v1/webhooks/" + id).json().has("secret")).isFalse();
        assertThat(api.get("/api/v1/webhooks").raw().body()).doesNotContain(secret);

        String reminder = api.post("/api/v1/reminders", Map.of("title", "Call Ana", "dueOn", today()))
                .json()
                .get("id")
                .asString();

        LoggedRequest request = awaitRequests(path, 1).getFirst();
        assertThat(request.getHeader("Content-Type")).startsWith("application/cloudevents+json");
        JsonNode event = json.readTree(request.getBodyAsString());
        assertThat(event.get("specversion").asString()).isEqualTo("1.0");
        assertThat(event.get("type").asString()).isEqualTo("rapport.reminders.ReminderCreated.v1");
        assertThat(event.get("source").asString()).isEqualTo("/rapport/reminders-service");
        assertThat(event.get("subject").asString()).isEqualTo(reminder);
        assertThat(event.get("data").get("memberId").asString()).isEqualTo(member);
        assertThat(event.get("data").get("reminderId").asString()).isEqualTo(reminder);
        assertThat(request.getHeader("webhook-id")).startsWith(id + "_");
        assertThatCode(() -> new Webhook(secret).verify(request.getBodyAsString(), headers(request)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> new Webhook(newSecret()).verify(request.getBodyAsString(), headers(request)))
                .isInstanceOf(WebhookVerificationException.class);

        JsonNode log = api.get("/api/v1/webhooks/" + id + "/deliveries").json();
        JsonNode entry = log.get("items").get(0);
        assertThat(entry.get("id").asString()).isEqualTo(request.getHeader("webhook-id"));
        assertThat(entry.get("status").asString()).isEqualTo("delivered");
        assertThat(entry.get("attempts").asInt()).isEqualTo(1);
        assertThat(entry.get("lastStatusCode").asInt()).isEqualTo(204);
        assertThat(entry.has("lastDurationMs")).isTrue();
    }

    @Test
    void onlyEventsAboutTheSubscribersOwnDataAndOfTheWantedTypesAreDelivered() {
        String path = stub("/hooks/" + member, 204);
        subscribe(path, List.of("rapport.contacts.ContactReengaged.v1"));
        String other = "member-" + UUID.randomUUID();

        reengaged(other, "c1", "2026-03-09T10:00:00Z");
        api.post("/api/v1/reminders", Map.of("title", "Not a wanted type", "dueOn", today()));
        String mine = reengaged(member, "c1", "2026-03-09T11:00:00Z");

        List<LoggedRequest> sent = awaitRequests(path, 1);
        sweepFor(Duration.ofSeconds(2));
        assertThat(receiver.findAll(postRequestedFor(urlEqualTo(path)))).hasSize(1);
        assertThat(json.readTree(sent.getFirst().getBodyAsString()).get("id").asString())
                .isEqualTo(mine);
    }

    @Test
    void aFailingHeadHoldsBackItsSubjectInOrderButNotOtherSubjectsAndIsRetriedWithBackoff() {
        String path = "/hooks/" + member;
        receiver.stubFor(post(urlEqualTo(path))
                .inScenario(member)
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("up"));
        receiver.stubFor(post(urlEqualTo(path))
                .inScenario(member)
                .whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200)));
        String id =
                subscribe(path, List.of("rapport.contacts.")).json().get("id").asString();

        String first = reengaged(member, "c1", "2026-03-09T10:00:00Z");
        awaitRequests(path, 1); // the first attempt of c1's first event fails
        String second = reengaged(member, "c1", "2026-03-09T11:00:00Z");
        String otherSubject = reengaged(member, "c2", "2026-03-09T12:00:00Z");

        // c2 goes through; c1's second event waits behind its failed head.
        List<LoggedRequest> sent = awaitRequests(path, 2);
        assertThat(eventId(sent.get(1))).isEqualTo(otherSubject);
        JsonNode head = delivery(id, first);
        assertThat(head.get("status").asString()).isEqualTo("pending");
        assertThat(head.get("lastStatusCode").asInt()).isEqualTo(503);
        assertThat(Instant.parse(head.get("nextAttemptAt").asString()))
                .isEqualTo(Instant.parse(head.get("lastAttemptAt").asString()).plusSeconds(10));
        sweepFor(Duration.ofSeconds(1));
        assertThat(receiver.findAll(postRequestedFor(urlEqualTo(path)))).hasSize(2);

        ((MutableClock) clock).advance(Duration.ofSeconds(11));
        sent = awaitRequests(path, 4);
        assertThat(eventId(sent.get(2))).isEqualTo(first);
        assertThat(eventId(sent.get(3))).isEqualTo(second);
        assertThat(sent.get(2).getHeader("webhook-id"))
                .isEqualTo(sent.getFirst().getHeader("webhook-id"));
        assertThat(delivery(id, first).get("attempts").asInt()).isEqualTo(2);
    }

    @Test
    void aReceiverFailingForADayGetsItsSubscriptionDisabledAndTheMemberIsToldWithAReminder() {
        String path = stub("/hooks/" + member, 500);
        String id =
                subscribe(path, List.of("rapport.contacts.")).json().get("id").asString();
        reengaged(member, "c1", "2026-03-09T10:00:00Z");
        awaitRequests(path, 1);
        Instant start = clock.instant();

        while (Duration.between(start, clock.instant()).compareTo(Duration.ofHours(26)) < 0) {
            ((MutableClock) clock).advance(Duration.ofMinutes(30));
            deliveries.sweep(100);
        }
        int total = receiver.findAll(postRequestedFor(urlEqualTo(path))).size();
        // 10 s doubled up to 2 h, over a day: about twenty attempts, none after the day.
        assertThat(total).isBetween(12, 30);

        ((MutableClock) clock).set(Instant.now().truncatedTo(ChronoUnit.SECONDS)); // for the API's identities
        JsonNode subscription = api.get("/api/v1/webhooks/" + id).json();
        assertThat(subscription.get("status").asString()).isEqualTo("disabled");
        assertThat(subscription.get("disabledReason").asString()).contains("answered 500");
        assertThat(api.get("/api/v1/webhooks/" + id + "/deliveries")
                        .json()
                        .get("items")
                        .get(0)
                        .get("status")
                        .asString())
                .isEqualTo("failed");
        JsonNode reminders = api.get("/api/v1/reminders").json().get("items");
        assertThat(reminders.toString()).contains("Your webhook was turned off");

        // Resumed after the fix, it receives events again.
        stub(path, 204);
        assertThat(api.patch("/api/v1/webhooks/" + id, Map.of("status", "active"))
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("active");
        reengaged(member, "c1", "2026-03-09T11:00:00Z");
        awaitRequests(path, total + 1);
    }

    @Test
    void aSlowReceiverTimesOutWithoutHoldingBackAnotherSubscriptionAndARedirectIsNotFollowed() {
        String slow = "/slow/" + member;
        receiver.stubFor(
                post(urlEqualTo(slow)).willReturn(aResponse().withStatus(200).withFixedDelay(3000)));
        String moved = "/moved/" + member;
        receiver.stubFor(post(urlEqualTo(moved))
                .willReturn(aResponse().withStatus(302).withHeader("Location", receiver.baseUrl() + "/elsewhere")));
        String fast = stub("/fast/" + member, 204);
        String slowId =
                subscribe(slow, List.of("rapport.contacts.")).json().get("id").asString();
        String movedId =
                subscribe(moved, List.of("rapport.contacts.")).json().get("id").asString();
        subscribe(fast, List.of("rapport.contacts."));

        String event = reengaged(member, "c1", "2026-03-09T10:00:00Z");

        awaitRequests(fast, 1);
        await().atMost(ASYNC).untilAsserted(() -> {
            deliveries.sweep(100);
            assertThat(delivery(slowId, event).get("lastError").asString()).startsWith("timed out");
            assertThat(delivery(movedId, event).get("lastStatusCode").asInt()).isEqualTo(302);
        });
        assertThat(delivery(slowId, event).has("lastStatusCode")).isFalse();
        assertThat(receiver.findAll(postRequestedFor(urlEqualTo("/elsewhere")))).isEmpty();
    }

    @Test
    void theLogPagesNewestFirstAndADeliveryCanBeSentAgainWithTheSameIdAndAPingIsSigned() {
        String path = stub("/hooks/" + member, 204);
        JsonNode created = subscribe(path, List.of("rapport.contacts.")).json();
        String id = created.get("id").asString();
        for (int i = 0; i < 3; i++) {
            reengaged(member, "c" + i, "2026-03-09T1" + i + ":00:00Z");
        }
        awaitRequests(path, 3);

        JsonNode page =
                api.get("/api/v1/webhooks/" + id + "/deliveries?limit=2").json();
        assertThat(page.get("items")).hasSize(2);
        assertThat(page.get("items").get(0).get("sequence").asLong()).isEqualTo(3);
        assertThat(page.get("total").asLong()).isEqualTo(3);
        JsonNode rest = api.get("/api/v1/webhooks/" + id + "/deliveries?limit=2&cursor="
                        + page.get("nextCursor").asString())
                .json();
        assertThat(rest.get("items")).hasSize(1);
        assertThat(rest.get("items").get(0).get("sequence").asLong()).isEqualTo(1);
        assertThat(rest.get("nextCursor").isNull()).isTrue();

        String deliveryId = rest.get("items").get(0).get("id").asString();
        ApiClient.Answer again = api.post("/api/v1/webhooks/" + id + "/deliveries/" + deliveryId + "/redeliver", null);
        assertThat(again.status()).as(again.raw().body()).isEqualTo(202);
        List<LoggedRequest> sent = awaitRequests(path, 4);
        assertThat(sent.get(3).getHeader("webhook-id")).isEqualTo(deliveryId);
        // Three subjects, three lanes sent side by side: the first send of this delivery is any of the first three.
        assertThat(sent.subList(0, 3))
                .filteredOn(request -> deliveryId.equals(request.getHeader("webhook-id")))
                .singleElement()
                .satisfies(first -> assertThat(sent.get(3).getBodyAsString()).isEqualTo(first.getBodyAsString()));

        ApiClient.Answer ping = api.post("/api/v1/webhooks/" + id + "/ping", null);
        assertThat(ping.status()).as(ping.raw().body()).isEqualTo(202);
        LoggedRequest pinged = awaitRequests(path, 5).get(4);
        assertThat(json.readTree(pinged.getBodyAsString()).get("type").asString())
                .isEqualTo("rapport.webhooks.Ping.v1");
        assertThatCode(() ->
                        new Webhook(created.get("secret").asString()).verify(pinged.getBodyAsString(), headers(pinged)))
                .doesNotThrowAnyException();
        assertThat(api.post("/api/v1/webhooks/" + id + "/deliveries/" + deliveryId + "x/redeliver", null)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aRotatedSecretKeepsSigningNextToTheNewOneUntilTheOverlapEnds() {
        String path = stub("/hooks/" + member, 204);
        JsonNode created = subscribe(path, List.of("rapport.webhooks.")).json();
        String id = created.get("id").asString();
        String old = created.get("secret").asString();
        JsonNode rotated = api.post("/api/v1/webhooks/" + id + "/secret/rotate", Map.of("overlap", "PT1H"))
                .json();
        String fresh = rotated.get("secret").asString();
        assertThat(fresh).startsWith("whsec_").isNotEqualTo(old);
        assertThat(Instant.parse(rotated.get("previousSecretExpiresAt").asString()))
                .isEqualTo(clock.instant().plus(Duration.ofHours(1)));

        api.post("/api/v1/webhooks/" + id + "/ping", null);
        LoggedRequest during = awaitRequests(path, 1).getFirst();
        assertThat(during.getHeader("webhook-signature").split(" ")).hasSize(2);
        assertThatCode(() -> new Webhook(old).verify(during.getBodyAsString(), headers(during)))
                .doesNotThrowAnyException();
        assertThatCode(() -> new Webhook(fresh).verify(during.getBodyAsString(), headers(during)))
                .doesNotThrowAnyException();

        ((MutableClock) clock).advance(Duration.ofMinutes(61));
        Instant later = clock.instant();
        ((MutableClock) clock).set(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        api.post("/api/v1/webhooks/" + id + "/ping", null);
        ((MutableClock) clock).set(later);
        LoggedRequest after = awaitRequests(path, 2).get(1);
        assertThat(after.getHeader("webhook-signature").split(" ")).hasSize(1);
        assertThat(after.getHeader("webhook-signature"))
                .isEqualTo(dev.rapport.reminders.signing.domain.WebhookSignature.sign(
                        fresh,
                        after.getHeader("webhook-id"),
                        Long.parseLong(after.getHeader("webhook-timestamp")),
                        after.getBodyAsString()));
    }

    @Test
    void anApiKeySeesOnlyItsOwnSubscriptionsAndGetsOnlyTheEventsItsScopesMayRead() {
        String path = stub("/hooks/" + member, 204);
        ApiClient key = ApiClient.asApiKey(port, member, "key-1", Set.of("contacts:read", "reminders:write"));
        ApiClient otherKey = ApiClient.asApiKey(port, member, "key-2", Set.of("reminders:write"));
        ApiClient.Answer created =
                key.post("/api/v1/webhooks", Map.of("url", receiver.baseUrl() + path, "types", List.of("rapport.")));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(created.json().get("apiKeyId").asString()).isEqualTo("key-1");

        assertThat(otherKey.get("/api/v1/webhooks/" + id).status()).isEqualTo(404);
        assertThat(otherKey.get("/api/v1/webhooks").json()).isEmpty();
        assertThat(otherKey.delete("/api/v1/webhooks/" + id).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/webhooks").json()).hasSize(1);
        assertThat(ApiClient.asMember(port, "someone-else")
                        .get("/api/v1/webhooks/" + id)
                        .status())
                .isEqualTo(404);

        // content:read is missing: a content event for the member never goes to this key's subscription.
        KafkaProbe.send(
                "content.events",
                member,
                "{\"eventId\":\"e-content-" + member + "\",\"memberId\":\"" + member + "\",\"tenantId\":\"alumni\"}",
                Map.of(
                        "ce_id",
                        "e-content-" + member,
                        "ce_type",
                        "rapport.content.ContentPlanned.v1",
                        "ce_source",
                        "/rapport/content-service",
                        "ce_specversion",
                        "1.0",
                        "content-type",
                        "application/json",
                        "contentType",
                        "application/json"));
        String contacts = reengaged(member, "c1", "2026-03-09T10:00:00Z");
        List<LoggedRequest> sent = awaitRequests(path, 1);
        sweepFor(Duration.ofSeconds(2));
        assertThat(receiver.findAll(postRequestedFor(urlEqualTo(path)))).hasSize(1);
        assertThat(eventId(sent.getFirst())).isEqualTo(contacts);
    }

    @Test
    void badSubscriptionsAreRefusedWithProblemDetailsAndChangeNothing() {
        ApiClient.Answer badType = subscribe("/x", List.of("contacts.*"));
        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.contentType()).startsWith("application/problem+json");
        assertThat(badType.raw().body()).contains("types");
        ApiClient.Answer badUrl =
                api.post("/api/v1/webhooks", Map.of("url", "ftp://example.org/x", "types", List.of("rapport.")));
        assertThat(badUrl.status()).isEqualTo(400);
        assertThat(badUrl.raw().body()).contains("url");
        ApiClient.Answer noTypes = api.post("/api/v1/webhooks", Map.of("url", "https://example.org/x"));
        assertThat(noTypes.status()).isEqualTo(400);
        assertThat(api.patch("/api/v1/webhooks/whk_missing", Map.of("status", "paused"))
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/webhooks").json()).isEmpty();
    }

    @Test
    void sweepsRunningAtOnceOnSeveralInstancesSendEachDeliveryOnce() throws Exception {
        String path = "/hooks/" + member;
        receiver.stubFor(
                post(urlEqualTo(path)).willReturn(aResponse().withStatus(204).withFixedDelay(300)));
        String id =
                subscribe(path, List.of("rapport.contacts.")).json().get("id").asString();
        String event = reengaged(member, "c1", "2026-03-09T10:00:00Z");
        await().atMost(ASYNC).until(() -> {
            try {
                return delivery(id, event) != null;
            } catch (AssertionError notYet) {
                return false;
            }
        });

        try (var instances = java.util.concurrent.Executors.newFixedThreadPool(4)) {
            List<java.util.concurrent.Future<Integer>> sweeps = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                sweeps.add(instances.submit(() -> deliveries.sweep(100)));
            }
            for (var sweep : sweeps) {
                sweep.get();
            }
        }

        assertThat(receiver.findAll(postRequestedFor(urlEqualTo(path)))).hasSize(1);
        assertThat(delivery(id, event).get("attempts").asInt()).isEqualTo(1);
    }

    @Test
    void aPausedSubscriptionGetsNothingAndADeletedOneIsGone() {
        String path = stub("/hooks/" + member, 204);
        String id =
                subscribe(path, List.of("rapport.contacts.")).json().get("id").asString();
        assertThat(api.patch("/api/v1/webhooks/" + id, Map.of("status", "paused"))
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("paused");
        reengaged(member, "c1", "2026-03-09T10:00:00Z");
        sweepFor(Duration.ofSeconds(3));
        assertThat(receiver.findAll(postRequestedFor(urlEqualTo(path)))).isEmpty();
        assertThat(api.post("/api/v1/webhooks/" + id + "/ping", null).status()).isEqualTo(409);

        assertThat(api.delete("/api/v1/webhooks/" + id).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/webhooks/" + id).status()).isEqualTo(404);
    }

    private ApiClient.Answer subscribe(String path, List<String> types) {
        return api.post("/api/v1/webhooks", Map.of("url", receiver.baseUrl() + path, "types", types));
    }

    private static String stub(String path, int status) {
        receiver.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(status)));
        return path;
    }

    private String today() {
        return clock.instant().atZone(java.time.ZoneOffset.UTC).toLocalDate().toString();
    }

    /** Sends a ContactReengaged of the member's contact, with the contact as the CloudEvent subject. */
    private static String reengaged(String memberId, String contactId, String at) {
        String eventId = UUID.randomUUID().toString();
        String data = """
                {"eventId":"%s","occurredAt":"%s","memberId":"%s","tenantId":"alumni","contactId":"%s",
                 "displayName":"Ana","episode":1,"interactionId":"i-%s","interactionOccurredAt":"%s"}
                """.formatted(eventId, at, memberId, contactId, eventId, at);
        KafkaProbe.send(
                "contacts.events",
                memberId,
                data,
                Map.of(
                        "ce_id", eventId,
                        "ce_type", "rapport.contacts.ContactReengaged.v1",
                        "ce_source", "/rapport/contacts-service",
                        "ce_subject", contactId,
                        "ce_time", at,
                        "ce_specversion", "1.0",
                        "content-type", "application/json",
                        "contentType", "application/json"));
        return eventId;
    }

    /** Sweeps until the receiver has seen {@code count} requests at {@code path}. */
    private List<LoggedRequest> awaitRequests(String path, int count) {
        await().atMost(ASYNC).pollInterval(Duration.ofMillis(200)).until(() -> {
            deliveries.sweep(100);
            return receiver.findAll(postRequestedFor(urlEqualTo(path))).size() >= count;
        });
        return receiver.findAll(postRequestedFor(urlEqualTo(path)));
    }

    /** Keeps sweeping for a while: what should not be sent has had every chance to be. */
    private void sweepFor(Duration duration) {
        Instant until = Instant.now().plus(duration);
        await().atMost(duration.plusSeconds(5)).pollDelay(Duration.ZERO).until(() -> {
            deliveries.sweep(100);
            return Instant.now().isAfter(until);
        });
    }

    private JsonNode delivery(String subscriptionId, String eventId) {
        Instant was = clock.instant();
        ((MutableClock) clock).set(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        try {
            for (JsonNode item : api.get("/api/v1/webhooks/" + subscriptionId + "/deliveries?limit=200")
                    .json()
                    .get("items")) {
                if (eventId.equals(item.get("eventId").asString())) {
                    return item;
                }
            }
            throw new AssertionError("no delivery of " + eventId);
        } finally {
            ((MutableClock) clock).set(was);
        }
    }

    private String eventId(LoggedRequest request) {
        return json.readTree(request.getBodyAsString()).get("id").asString();
    }

    private static Map<String, List<String>> headers(LoggedRequest request) {
        return Map.of(
                "webhook-id", List.of(request.getHeader("webhook-id")),
                "webhook-timestamp", List.of(request.getHeader("webhook-timestamp")),
                "webhook-signature", List.of(request.getHeader("webhook-signature")));
    }

    private static String newSecret() {
        return dev.rapport.reminders.signing.domain.WebhookSignature.newSecret();
    }
}
