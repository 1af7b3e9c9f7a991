package dev.rapport.reminders.notifications;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.rapport.reminders.RemindersProperties;
import dev.rapport.reminders.digest.DigestSource;
import dev.rapport.reminders.settings.NotificationSettingsService;
import dev.rapport.reminders.signing.domain.WebhookSignature;
import dev.rapport.reminders.support.MutableClock;
import dev.rapport.reminders.support.RemindersIntegrationTest;
import dev.rapport.support.events.Aggregates;
import dev.rapport.testkit.ApiClient;
import dev.rapport.testkit.KafkaProbe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.AdditionalAnswers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.json.JsonMapper;

@RemindersIntegrationTest
class DigestDeliveryIT {

    /** The member's digest time (UTC, the default zone), half an hour after the test clock's start. */
    static final Instant DIGEST_TIME = Instant.parse("2026-03-10T06:30:00Z");

    static WireMockServer webhook;

    @LocalServerPort
    int port;

    @Autowired
    Clock clock;

    @Autowired
    DigestDeliveries deliveries;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    DigestSource digests;

    @Autowired
    NotificationSettingsService settings;

    @Autowired
    WebhookClient webhooks;

    @Autowired
    Aggregates aggregates;

    @Autowired
    JsonMapper json;

    @Autowired
    RemindersProperties properties;

    String member;
    String path;
    String secret;
    ApiClient api;

    @BeforeAll
    static void startWebhook() {
        webhook = new WireMockServer(options().dynamicPort());
        webhook.start();
    }

    @AfterAll
    static void stopWebhook() {
        webhook.stop();
    }

    @BeforeEach
    void memberWithAWebhookAndADueReminder() {
        ((MutableClock) clock).set(RemindersIntegrationTest.START);
        member = "member-" + UUID.randomUUID();
        path = "/hooks/" + member;
        api = ApiClient.asMember(port, member);
        var settings = api.put(
                "/api/v1/me/notification-settings",
                Map.of("digestTime", "06:30", "webhook", Map.of("url", webhook.baseUrl() + path)));
        assertThat(settings.status()).as(settings.raw().body()).isEqualTo(200);
        secret = settings.json().get("webhook").get("secret").asString();
        api.post("/api/v1/reminders", Map.of("title", "Call Ana", "dueOn", "2026-03-10"));
    }

    @Test
    void theDigestIsPostedOnceAtTheMembersDigestTimeSignedAndTimestampedWithAnIdempotencyKey() {
        webhook.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(204)));
        deliveries.scheduleDue(100);
        deliveries.attemptDue(100);
        assertThat(requests()).isEmpty(); // not yet 06:30

        ((MutableClock) clock).set(DIGEST_TIME);
        deliveries.scheduleDue(100);
        deliveries.scheduleDue(100);
        deliveries.attemptDue(100);
        deliveries.attemptDue(100);

        List<LoggedRequest> sent = requests();
        assertThat(sent).hasSize(1);
        LoggedRequest request = sent.getFirst();
        String id = member + ":2026-03-10";
        assertThat(request.getHeader("webhook-id")).isEqualTo(id);
        assertThat(request.getHeader("Idempotency-Key")).isEqualTo(id);
        assertThat(request.getHeader("webhook-timestamp")).isEqualTo(Long.toString(DIGEST_TIME.getEpochSecond()));
        assertThat(WebhookSignature.verify(
                        secret,
                        id,
                        DIGEST_TIME.getEpochSecond(),
                        request.getBodyAsString(),
                        request.getHeader("webhook-signature")))
                .isTrue();
        assertThat(request.getBodyAsString()).contains("\"title\":\"Call Ana\"").contains("\"date\":\"2026-03-10\"");
        assertThat(delivery().status).isEqualTo("delivered");
        assertThat(event("rapport.reminders.DigestDelivered.v1")).isNotNull();
    }

    @Test
    void aServerErrorIsRetriedAfterABackoffWithTheSameBodyAndKeyUntilItRecovers() {
        webhook.stubFor(post(urlEqualTo(path))
                .inScenario(member)
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("recovered"));
        webhook.stubFor(post(urlEqualTo(path))
                .inScenario(member)
                .whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(200)));
        ((MutableClock) clock).set(DIGEST_TIME);
        deliveries.scheduleDue(100);
        deliveries.attemptDue(100);
        assertThat(delivery().attempts).isEqualTo(1);
        assertThat(delivery().nextAttemptAt).isEqualTo(DIGEST_TIME.plus(Duration.ofMinutes(1)));

        deliveries.attemptDue(100); // the backoff has not passed: nothing is sent
        assertThat(requests()).hasSize(1);

        ((MutableClock) clock).advance(Duration.ofMinutes(1));
        deliveries.attemptDue(100);
        List<LoggedRequest> sent = requests();
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).getHeader("webhook-id")).isEqualTo(sent.get(0).getHeader("webhook-id"));
        assertThat(sent.get(1).getBodyAsString()).isEqualTo(sent.get(0).getBodyAsString());
        assertThat(delivery().status).isEqualTo("delivered");
    }

    @Test
    void aSlowAnswerWithinTheTimeoutIsADelivery() {
        webhook.stubFor(
                post(urlEqualTo(path)).willReturn(aResponse().withStatus(200).withFixedDelay(300)));
        ((MutableClock) clock).set(DIGEST_TIME);
        deliveries.scheduleDue(100);
        deliveries.attemptDue(100);
        assertThat(delivery().status).isEqualTo("delivered");
    }

    @Test
    void timeoutsAreRetriedWithGrowingBackoffThenGivenUpWithNotificationFailedAndTheCircuitHoldsCallsBack() {
        webhook.stubFor(
                post(urlEqualTo(path)).willReturn(aResponse().withStatus(200).withFixedDelay(2_000)));
        ((MutableClock) clock).set(DIGEST_TIME);
        deliveries.scheduleDue(100);
        deliveries.attemptDue(100);
        ((MutableClock) clock).advance(Duration.ofMinutes(1));
        deliveries.attemptDue(100);
        ((MutableClock) clock).advance(Duration.ofMinutes(2));
        deliveries.attemptDue(100);
        assertThat(delivery().attempts).isEqualTo(3);
        assertThat(delivery().lastError).startsWith("timed out");

        // Three failures in a row opened the member's circuit: the next backoff passes, but no call is made.
        ((MutableClock) clock).advance(Duration.ofMinutes(4));
        deliveries.attemptDue(100);
        assertThat(delivery().attempts).isEqualTo(3);
        assertThat(requests()).hasSize(3);

        ((MutableClock) clock).advance(Duration.ofMinutes(30));
        deliveries.attemptDue(100);
        assertThat(requests()).hasSize(4);
        assertThat(delivery().status).isEqualTo("failed");
        ConsumerRecord<String, String> failed = event("rapport.reminders.NotificationFailed.v1");
        assertThat(failed.value()).contains("\"attempts\":4").contains("\"channel\":\"webhook\"");
    }

    @Test
    void aRefusalThatRetryingCannotChangeIsGivenUpAtOnce() {
        webhook.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(410)));
        ((MutableClock) clock).set(DIGEST_TIME);
        deliveries.scheduleDue(100);
        deliveries.attemptDue(100);
        assertThat(delivery().status).isEqualTo("failed");
        assertThat(delivery().lastError).isEqualTo("answered 410");
    }

    @Test
    void aCrashWhileTheDigestIsBeingMadeLosesNothingTheNextRunMakesAndSendsIt() {
        webhook.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(204)));
        ((MutableClock) clock).set(DIGEST_TIME);
        DigestSource crashing = mock(DigestSource.class, AdditionalAnswers.delegatesTo(digests));
        doThrow(new IllegalStateException("crash")).when(crashing).digest(eq(member), any(), any());
        assertThatThrownBy(() -> instanceWith(crashing, settings).scheduleDue(100))
                .hasMessage("crash");
        assertThat(delivery()).isNull();

        deliveries.scheduleDue(100); // the next run, on this instance or another
        deliveries.attemptDue(100);
        assertThat(delivery().status).isEqualTo("delivered");
        assertThat(requests()).hasSize(1);
    }

    @Test
    void aCrashAfterTheDigestIsStoredButBeforeItsSlotMovesOnMakesNoSecondDigest() {
        webhook.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(204)));
        ((MutableClock) clock).set(DIGEST_TIME);
        NotificationSettingsService crashing =
                mock(NotificationSettingsService.class, AdditionalAnswers.delegatesTo(settings));
        doThrow(new IllegalStateException("crash"))
                .when(crashing)
                .claimDigest(argThat(s -> s != null && member.equals(s.getMemberId())), any(), any());
        assertThatThrownBy(() -> instanceWith(digests, crashing).scheduleDue(100))
                .hasMessage("crash");
        Instant createdAt = delivery().createdAt;

        ((MutableClock) clock).set(DIGEST_TIME.plusSeconds(30));
        deliveries.scheduleDue(100);
        deliveries.scheduleDue(100);
        assertThat(delivery().createdAt).isEqualTo(createdAt);
        assertThat(settings.stored(member).getNextDigestAt()).isAfter(DIGEST_TIME);
        deliveries.attemptDue(100);
        deliveries.attemptDue(100);
        assertThat(requests()).hasSize(1);
    }

    /** Another instance of the service whose digest source or settings fail as a crash would. */
    private DigestDeliveries instanceWith(DigestSource source, NotificationSettingsService store) {
        return new DigestDeliveries(mongo, store, source, webhooks, aggregates, json, clock, properties);
    }

    private List<LoggedRequest> requests() {
        return webhook.findAll(
                postRequestedFor(urlEqualTo(path)).withHeader("Content-Type", equalTo("application/json")));
    }

    private DigestDeliveryDocument delivery() {
        return mongo.findById(member + ":2026-03-10", DigestDeliveryDocument.class);
    }

    private ConsumerRecord<String, String> event(String type) {
        try (KafkaProbe probe = KafkaProbe.reading("reminders.events")) {
            return await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> probe.poll().stream()
                                    .filter(r -> member.equals(r.key()) && type.equals(KafkaProbe.header(r, "ce_type")))
                                    .findFirst()
                                    .orElse(null),
                            java.util.Objects::nonNull);
        }
    }
}
