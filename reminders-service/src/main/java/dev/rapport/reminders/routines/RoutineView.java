package dev.rapport.reminders.routines;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A routine as the API shows it, with its next occurrences. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RoutineView(
        String id,

        @Schema(allowableValues = {"routine", "congratulate"})
        String kind,

        String title,
        String detail,
        String preset,
        String rrule,
        LocalDate startOn,

        @Schema(description = "The next day it becomes a reminder; absent once the rule has ended")
        LocalDate nextDueOn,

        @Schema(description = "The next few occurrences") List<LocalDate> upcoming,
        String contactId,
        String contactName,
        Instant createdAt) {}
