package dev.rapport.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.reminders.support.RemindersIntegrationTest;
import dev.rapport.testkit.ApiClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@RemindersIntegrationTest
class OpenApiIT {

    @LocalServerPort
    int port;

    @Test
    void everyEndpointIsInTheOpenApiDocument() {
        var doc = ApiClient.anonymous("http://127.0.0.1:" + port).get("/v3/api-docs");
        assertThat(doc.status()).isEqualTo(200);
        var paths = doc.json().get("paths");
        assertThat(paths.propertyNames())
                .contains(
                        "/api/v1/reminders",
                        "/api/v1/reminders/{id}",
                        "/api/v1/reminders/{id}/complete",
                        "/api/v1/reminders/{id}/snooze",
                        "/api/v1/reminders/{id}/dismiss",
                        "/api/v1/digest/today",
                        "/api/v1/routines",
                        "/api/v1/routines/{id}",
                        "/api/v1/calendar.ics",
                        "/api/v1/calendar/feed",
                        "/feeds/calendar/{token}.ics",
                        "/api/v1/me/notification-settings",
                        "/api/v1/webhooks",
                        "/api/v1/webhooks/{id}",
                        "/api/v1/webhooks/{id}/secret/rotate",
                        "/api/v1/webhooks/{id}/deliveries",
                        "/api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver",
                        "/api/v1/webhooks/{id}/ping");
        assertThat(paths.get("/api/v1/reminders").get("post").toString()).contains("Idempotency-Key");
        assertThat(doc.raw().body()).doesNotContain("IdentityAssertion");
    }

    @Test
    void whatASubscriptionReceivesIsTheDocumentsOpenApi31WebhooksSection() {
        var doc = ApiClient.anonymous("http://127.0.0.1:" + port)
                .get("/v3/api-docs")
                .json();
        assertThat(doc.get("openapi").asString()).startsWith("3.1");
        var receive = doc.get("webhooks").get("rapportEvent").get("post");
        assertThat(receive.get("operationId").asString()).isEqualTo("receiveRapportEvent");
        assertThat(receive.get("requestBody")
                        .get("content")
                        .get("application/cloudevents+json")
                        .toString())
                .contains("WebhookCloudEvent");
        assertThat(receive.get("parameters").toString())
                .contains("webhook-id", "webhook-timestamp", "webhook-signature");
        assertThat(doc.get("components")
                        .get("schemas")
                        .get("WebhookCloudEvent")
                        .get("required")
                        .toString())
                .contains("specversion", "type", "data");
    }
}
