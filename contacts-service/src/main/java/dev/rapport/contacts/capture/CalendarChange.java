package dev.rapport.contacts.capture;

import io.swagger.v3.oas.annotations.media.Schema;

/** What a member changes on a connected calendar; absent fields stay as they are. */
public record CalendarChange(
        @Schema(description = "Stop (true) or resume (false) fetching it; what it captured stays")
        Boolean paused,

        @Schema(description = "Keep meetings' titles as summaries of the interactions logged from now on")
        Boolean summaries,

        @Schema(description = "Its name") @jakarta.validation.constraints.Size(max = 100)
        String name) {}
