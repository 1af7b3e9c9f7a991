package dev.rapport.reminders.webhooks;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** What API consumers send to manage webhook subscriptions. */
final class WebhookRequests {

    private WebhookRequests() {}

    /** A new subscription. */
    record Create(
            @Schema(
                    description = "Where deliveries are POSTed: https (the outbound-URL guard applies)",
                    example = "https://crm.example.org/hooks/rapport")
            @NotBlank
            @Size(max = 2000)
            String url,

            @Schema(
                    description = "Exact CloudEvent types, or prefixes ending in a dot",
                    example = "[\"rapport.reminders.\", \"rapport.contacts.ContactGoneStale.v1\"]")
            @NotNull
            @Size(min = 1, max = 50)
            List<String> types,

            @Size(max = 500) String description) {}

    /** A change: only the fields sent change. */
    record Change(
            @Size(max = 2000) String url,
            @Size(min = 1, max = 50) List<String> types,
            @Size(max = 500) String description,

            @Schema(
                    description = "paused stops deliveries (events meanwhile are not kept); active resumes, also a"
                            + " disabled subscription")
            @Pattern(regexp = "active|paused", message = "must be active or paused")
            String status) {}

    /** A secret rotation. */
    record Rotation(
            @Schema(
                    description = "How long the current secret keeps signing next to the new one (ISO 8601, at most"
                            + " P7D; default PT24H)",
                    example = "PT24H")
            @Size(max = 40)
            String overlap) {}
}
