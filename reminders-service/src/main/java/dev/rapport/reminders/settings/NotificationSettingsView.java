package dev.rapport.reminders.settings;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** The member's notification settings as the API shows them; the webhook secret only when it was just made. */
public record NotificationSettingsView(
        String locale,
        String timeZone,
        int dailyCap,
        int minGapDays,
        String digestTime,
        QuietHours quietHours,
        Webhook webhook,

        @Schema(description = "When the next digest is due to the webhook")
        Instant nextDigestAt) {

    /** Local hours when nothing is sent. */
    public record QuietHours(String start, String end) {}

    /** The webhook; {@code secret} appears only in the answer that created or rotated it. */
    public record Webhook(
            String url,

            @JsonInclude(JsonInclude.Include.NON_NULL)
            @Schema(description = "Signing secret (Standard Webhooks, whsec_…), shown only when it was just made")
            String secret) {}
}
