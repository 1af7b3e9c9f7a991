package dev.rapport.content.plan;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A member's content plan: what they want to be known for and how often they mean to publish on
 * each channel.
 */
public record ContentPlan(
        @Size(max = 500) String brandStatement,
        @Size(max = 12) List<@NotBlank @Size(max = 80) String> pillars,
        @Size(max = 20) List<@Valid Cadence> cadences,
        @Size(max = 60) String timeZone) {

    /** A publishing target: {@code perPeriod} items each {@code period} on {@code channel}. */
    public record Cadence(
            @NotBlank @Size(max = 40) String channel,
            @Min(1) @Max(31) int perPeriod,

            @Pattern(regexp = "week|month|quarter", message = "must be week, month or quarter")
            String period) {}
}
