package dev.rapport.reminders.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** What the webhook API answers. */
final class WebhookViews {

    private WebhookViews() {}

    /** A subscription; {@code secret} only in the answer that made it (creation, rotation). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Subscription(
            String id,
            String url,
            List<String> types,
            String description,

            @Schema(description = "active, paused or disabled (after a day of failed deliveries)")
            String status,

            String disabledReason,
            Instant disabledAt,

            @Schema(description = "The API key that created it; it sees and manages only its own")
            String apiKeyId,

            Instant createdAt,
            Instant updatedAt,

            @Schema(description = "The signing secret (whsec_…), shown once: store it now")
            String secret,

            @Schema(description = "Until when the previous secret also signs (after a rotation)")
            Instant previousSecretExpiresAt) {}

    /** One delivery in the log. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Delivery(
            @Schema(description = "Also the webhook-id header, the same on every attempt")
            String id,

            long sequence,
            String eventId,
            String eventType,
            String subject,

            @Schema(description = "pending, delivered, failed or cancelled")
            String status,

            int attempts,
            Instant createdAt,
            Instant lastAttemptAt,

            @Schema(description = "The receiver's HTTP status at the last attempt, absent when it gave none")
            Integer lastStatusCode,

            Long lastDurationMs,
            String lastError,
            Instant nextAttemptAt,
            Instant deliveredAt) {

        static Delivery of(WebhookDeliveryDocument d) {
            return new Delivery(
                    d.getId(),
                    d.sequence,
                    d.eventId,
                    d.eventType,
                    d.subject,
                    d.status,
                    d.attempts,
                    d.createdAt,
                    d.lastAttemptAt,
                    d.lastAttemptAt == null || d.lastStatusCode == 0 ? null : d.lastStatusCode,
                    d.lastAttemptAt == null ? null : d.lastDurationMs,
                    d.lastError,
                    d.nextAttemptAt,
                    d.deliveredAt);
        }
    }
}
