package dev.rapport.reminders.reminders;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;

/** Until when to put a reminder aside. */
public record SnoozeRequest(
        @Schema(description = "A day after today") @NotNull LocalDate until) {}
