package dev.rapport.reminders.settings;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The member's notification settings, replaced as a whole; what is left out takes its default. */
public record NotificationSettingsRequest(
        @Schema(
                description = "Language of reminders, openers and digests",
                allowableValues = {"es", "en"},
                example = "es")
        @Pattern(regexp = "es|en", message = "must be es or en")
        String locale,

        @Schema(description = "IANA time zone the member's days are counted in", example = "Europe/Madrid")
        @Size(max = 64)
        String timeZone,

        @Schema(description = "At most this many reminders a day (default 5: start small)", example = "5")
        @Min(1)
        @Max(20)
        Integer dailyCap,

        @Schema(description = "Days to leave a person alone after an outbound touch (default 14)", example = "14")
        @Min(0)
        @Max(365)
        Integer minGapDays,

        @Schema(description = "Local time the daily digest is sent (default 08:00)", example = "08:00")
        @Pattern(regexp = TIME, message = "must be a time HH:mm")
        String digestTime,

        @Valid QuietHours quietHours,
        @Valid Webhook webhook) {

    static final String TIME = "([01][0-9]|2[0-3]):[0-5][0-9]";

    /** Local hours when nothing is sent; may span midnight. */
    public record QuietHours(
            @Schema(example = "22:00") @NotNull @Pattern(regexp = TIME, message = "must be a time HH:mm")
            String start,

            @Schema(example = "07:00") @NotNull @Pattern(regexp = TIME, message = "must be a time HH:mm")
            String end) {}

    /** Where the daily digest is posted. */
    public record Webhook(
            @Schema(
                    description = "http(s) URL that receives the signed digest",
                    example = "https://hooks.example.com/rapport")
            @NotBlank
            @Size(max = 2000)
            String url,

            @Schema(description = "Make a new signing secret (it is returned once, in this answer)")
            Boolean rotateSecret) {}
}
