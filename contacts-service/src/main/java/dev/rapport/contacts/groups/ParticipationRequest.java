package dev.rapport.contacts.groups;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** A participation in a group to log: when it happened may be in the past, never in the future. */
public record ParticipationRequest(
        @Schema(description = "post, comment, event, meeting, help or other (default)")
        @Pattern(
                regexp = "post|comment|event|meeting|help|other",
                message = "must be post, comment, event, meeting, help or other")
        String kind,

        @NotNull @PastOrPresent Instant occurredAt,
        @Size(max = 2000) String note) {}
