package dev.rapport.reminders.reminders;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/** A reminder the member writes themselves, optionally about one of their contacts. */
public record ManualReminderRequest(
        @Schema(example = "Ask Ana about the board opening") @NotBlank @Size(max = 200)
        String title,

        @Size(max = 2000) String detail,

        @Schema(description = "Today or later, in the member's time zone") @NotNull
        LocalDate dueOn,

        @Size(max = 100) String contactId,
        @Size(max = 200) String contactName) {}
