package dev.rapport.contacts.groups;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A group to follow. */
public record GroupRequest(
        @NotBlank @Size(max = 200) String name,

        @Schema(description = "forum, association, meetup, slack, online-community or other (default)")
        @Pattern(
                regexp = "forum|association|meetup|slack|online-community|other",
                message = "must be forum, association, meetup, slack, online-community or other")
        String kind,

        @Size(max = 500) String url,
        @Size(max = 5000) String notes,

        @Schema(description = "How often you want to take part, in days (7, weekly, when absent)") @Min(1) @Max(365)
        Integer cadenceDays,

        @Size(max = 20) List<@NotBlank String> goalIds) {}
