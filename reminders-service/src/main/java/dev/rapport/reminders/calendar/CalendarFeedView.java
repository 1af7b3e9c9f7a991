package dev.rapport.reminders.calendar;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** The member's calendar feed; its URLs only in the answer that created or rotated it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CalendarFeedView(
        boolean active,
        Instant createdAt,

        @Schema(description = "The secret feed URL to subscribe to; shown once, keep it private")
        String url,

        @Schema(description = "The same URL with the webcal scheme, which opens calendar apps")
        String webcalUrl) {}
