package dev.rapport.reminders.notifications;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.rapport.reminders.support.MutableClock;
import dev.rapport.reminders.support.RemindersIntegrationTest;
import dev.rapport.testkit.ApiClient;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.test.context.TestPropertySource;

/** With the outbound switch off (the default everywhere), no digest goes to the platform's inside. */
@RemindersIntegrationTest
@TestPropertySource(properties = "rapport.outbound.allow-private=false")
class WebhookOutboundGuardIT {

    static WireMockServer receiver;

    @LocalServerPort
    int port;

    @Autowired
    Clock clock;

    @Autowired
    DigestDeliveries deliveries;

    @Autowired
    MongoTemplate mongo;

    String member;
    ApiClient api;

    @BeforeAll
    static void startReceiver() {
        receiver = new WireMockServer(options().dynamicPort());
        receiver.start();
        receiver.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(204)));
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop();
    }

    @BeforeEach
    void member() {
        ((MutableClock) clock).set(RemindersIntegrationTest.START);
        member = "member-" + UUID.randomUUID();
        api = ApiClient.asMember(port, member);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1:%d/hooks/x",
                "https://127.0.0.1:%d/hooks/x",
                "https://localhost:%d/hooks/x",
                "https://[::ffff:127.0.0.1]:%d/hooks/x",
                "https://2130706433:%d/hooks/x",
                "https://169.254.169.254/latest/meta-data/?port=%d",
                "https://metadata.google.internal/computeMetadata/v1/?port=%d",
                "https://10.0.0.7:%d/",
                "http://hooks.example.com:%d/plain-http"
            })
    void aWebhookInsideThePlatformIsRefusedWhenSetWithAFieldError(String template) {
        var answer = api.put(
                "/api/v1/me/notification-settings",
                Map.of("webhook", Map.of("url", template.formatted(receiver.port()))));

        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("errors").get(0).get("field").asString()).isEqualTo("webhook.url");
        assertThat(api.get("/api/v1/me/notification-settings").header("ETag")).isEqualTo("\"0\"");
    }

    @Test
    void aStoredWebhookThatNowPointsInsideIsRefusedAgainWhenTheDigestIsSent() {
        var settings = api.put(
                "/api/v1/me/notification-settings",
                Map.of("digestTime", "06:30", "webhook", Map.of("url", "https://hooks.example.com/rapport")));
        assertThat(settings.status()).as(settings.raw().body()).isEqualTo(200);
        // Stored before the guard existed, or changed behind the API's back: the send checks again.
        mongo.updateFirst(
                new Query(Criteria.where("_id").is(member)),
                new Update().set("webhookUrl", "https://127.0.0.1:" + receiver.port() + "/hooks/" + member),
                "notification_settings");
        api.post("/api/v1/reminders", Map.of("title", "Call Ana", "dueOn", "2026-03-10"));

        ((MutableClock) clock).set(DigestDeliveryIT.DIGEST_TIME);
        deliveries.scheduleDue(100);
        deliveries.attemptDue(100);

        assertThat(receiver.findAll(anyRequestedFor(anyUrl()))).isEmpty();
        DigestDeliveryDocument delivery = mongo.findById(member + ":2026-03-10", DigestDeliveryDocument.class);
        assertThat(delivery.status).isEqualTo("failed");
        assertThat(delivery.lastError).startsWith("refused: the webhook URL points at a private or local address");
    }
}
