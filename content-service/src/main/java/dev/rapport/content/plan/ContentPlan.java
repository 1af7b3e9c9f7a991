package dev.rapport.content.plan;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A member's content plan: what they want to be known for, how often they mean to publish on each channel,
 * and when they prefer to publish.
 */
public record ContentPlan(
        @Size(max = 500) String brandStatement,

        @Schema(description = "Topics the member wants to be known for; items are tagged with them.") @Size(max = 12)
        List<@NotBlank @Size(max = 80) String> pillars,

        @Size(max = 20) List<@Valid Cadence> cadences,

        @Schema(
                description = "IANA time zone of the member: periods, slots and the calendar use it.",
                example = "Europe/Madrid")
        @Size(max = 60)
        String timeZone,

        @Schema(description = "Preferred posting slots, in the member's time zone; the queue fills them in order.")
        @Size(max = 50)
        List<@Valid PostingSlot> postingSlots) {

    /** Channel names are lower-case slugs so that items, cadences and slots name a channel the same way. */
    static final String CHANNEL = "^[a-z0-9]+(-[a-z0-9]+)*$";

    static final String CHANNEL_MESSAGE = "must be a lower-case slug such as blog, linkedin-post or newsletter";

    /** A publishing target: {@code perPeriod} items each {@code period} on {@code channel}. */
    public record Cadence(
            @Schema(example = "linkedin-post")
            @NotBlank
            @Size(max = 40)
            @Pattern(regexp = CHANNEL, message = CHANNEL_MESSAGE)
            String channel,

            @Min(1) @Max(31) int perPeriod,

            @Pattern(regexp = "week|month|quarter", message = "must be week, month or quarter")
            String period) {}

    /** A weekday and time to publish at, for one channel or (channel absent) for all. */
    public record PostingSlot(
            @Schema(example = "tuesday")
            @NotNull
            @Pattern(
                    regexp = "(?i)monday|tuesday|wednesday|thursday|friday|saturday|sunday",
                    message = "must be a weekday such as monday")
            String day,

            @Schema(example = "09:00")
            @NotNull
            @Pattern(regexp = "([01]\\d|2[0-3]):[0-5]\\d", message = "must be a time as HH:mm")
            String time,

            @Size(max = 40) @Pattern(regexp = CHANNEL, message = CHANNEL_MESSAGE)
            String channel) {}
}
