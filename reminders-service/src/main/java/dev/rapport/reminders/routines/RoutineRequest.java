package dev.rapport.reminders.routines;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/** A routine to create: a preset, or a title and an RRULE (a preset's own can be overridden). */
public record RoutineRequest(
        @Schema(
                description = "A ready-made routine",
                allowableValues = {
                    "profile-review",
                    "group-participation",
                    "blog-post",
                    "linkedin-post",
                    "network-review"
                })
        @Size(max = 40)
        String preset,

        @Schema(description = "What to do (defaults to the preset's title in the member's language)")
        @Size(min = 1, max = 200)
        String title,

        @Schema(description = "RFC 5545 RRULE, daily or slower", example = "FREQ=MONTHLY;INTERVAL=3") @Size(max = 300)
        String rrule,

        @Schema(description = "First day the rule counts from (default: today in the member's time zone)")
        LocalDate startOn,

        @Size(max = 2000) String detail) {}
