package dev.rapport.contacts.goals;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;

/** A professional goal to pursue. */
public record GoalRequest(
        @NotBlank @Size(max = 200) String title,
        @Size(max = 5000) String description,

        @Schema(description = "When you want to have reached it")
        LocalDate targetDate,

        @Schema(description = "What the goal is about; contacts whose interests or tags match relate to it")
        @Size(max = 20)
        List<@NotBlank @Size(max = 80) String> topics,

        @Schema(description = "open (default), achieved or dropped")
        @Pattern(regexp = "open|achieved|dropped", message = "must be open, achieved or dropped")
        String status) {}
