package dev.rapport.reminders.reminders;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.rapport.reminders.notifications.DigestDeliveries;
import dev.rapport.reminders.support.MutableClock;
import dev.rapport.reminders.support.RemindersIntegrationTest;
import dev.rapport.testkit.ApiClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The member-outcome metrics operators watch: reminders due, and every digest webhook attempt by outcome. */
@RemindersIntegrationTest
class OperatorMetricsIT {

    static final Instant DIGEST_TIME = Instant.parse("2026-03-10T06:30:00Z");
    static WireMockServer webhook;

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    Clock clock;

    @Autowired
    DigestDeliveries deliveries;

    @Autowired
    ReminderMetrics reminderMetrics;

    @Autowired
    MeterRegistry meters;

    @BeforeAll
    static void startWebhook() {
        webhook = new WireMockServer(options().dynamicPort());
        webhook.start();
    }

    @AfterAll
    static void stopWebhook() {
        webhook.stop();
    }

    @Test
    void remindersDueTodayAreCountedLaterOnesOnceTheirDayComes() {
        ((MutableClock) clock).set(RemindersIntegrationTest.START);
        long before = reminderMetrics.countDue();
        ApiClient api = ApiClient.asMember(port, "member-" + UUID.randomUUID());
        assertThat(api.post("/api/v1/reminders", Map.of("title", "Due today", "dueOn", "2026-03-10"))
                        .status())
                .isEqualTo(201);
        assertThat(api.post("/api/v1/reminders", Map.of("title", "Tomorrow", "dueOn", "2026-03-11"))
                        .status())
                .isEqualTo(201);
        assertThat(api.post("/api/v1/reminders", Map.of("title", "Next week", "dueOn", "2026-03-17"))
                        .status())
                .isEqualTo(201);

        assertThat(reminderMetrics.countDue()).isEqualTo(before + 1);
        assertThat(meters.get("rapport.reminders.due").gauge().value()).isEqualTo(before + 1.0);
        // A day later, yesterday's reminder is still due (overdue) and tomorrow's has come.
        ((MutableClock) clock).advance(Duration.ofDays(1));
        assertThat(reminderMetrics.countDue()).isGreaterThanOrEqualTo(before + 2);
        assertThat(ApiClient.anonymous("http://127.0.0.1:" + managementPort)
                        .get("/actuator/prometheus")
                        .raw()
                        .body())
                .contains("rapport_reminders_due");
    }

    @Test
    void everyWebhookAttemptIsCountedByOutcome() {
        ((MutableClock) clock).set(RemindersIntegrationTest.START);
        String member = "member-" + UUID.randomUUID();
        String path = "/hooks/" + member;
        ApiClient api = ApiClient.asMember(port, member);
        assertThat(api.put(
                                "/api/v1/me/notification-settings",
                                Map.of("digestTime", "06:30", "webhook", Map.of("url", webhook.baseUrl() + path)))
                        .status())
                .isEqualTo(200);
        api.post("/api/v1/reminders", Map.of("title", "Call Ana", "dueOn", "2026-03-10"));
        webhook.stubFor(post(urlEqualTo(path))
                .inScenario(member)
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("recovered"));
        webhook.stubFor(post(urlEqualTo(path))
                .inScenario(member)
                .whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(204)));
        double failed = attempts("failed");
        double delivered = attempts("delivered");

        ((MutableClock) clock).set(DIGEST_TIME);
        deliveries.scheduleDue(100);
        deliveries.attemptDue(100);
        // Deliveries of other tests' members may be attempted too: at least this member's counts.
        assertThat(attempts("failed")).isGreaterThanOrEqualTo(failed + 1);

        ((MutableClock) clock).advance(Duration.ofMinutes(1));
        deliveries.attemptDue(100);
        assertThat(attempts("delivered")).isGreaterThanOrEqualTo(delivered + 1);
    }

    private double attempts(String outcome) {
        return meters.get("rapport.webhook.deliveries")
                .tag("outcome", outcome)
                .counter()
                .count();
    }
}
