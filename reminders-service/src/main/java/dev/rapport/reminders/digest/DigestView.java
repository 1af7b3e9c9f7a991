package dev.rapport.reminders.digest;

import dev.rapport.reminders.reminders.ReminderView;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.List;

/** Today's digest: the few reminders worth the member's attention today, best first. */
public record DigestView(
        @Schema(description = "The member's today, in their time zone")
        LocalDate date,

        String timeZone,
        String locale,
        @Schema(description = "The member's daily cap") int dailyCap,
        List<ReminderView> items,

        @Schema(description = "Due reminders left for another day by the cap")
        int heldBack,

        @Schema(description = "Due reminders about people touched within the minimum gap, or already in the digest")
        int resting) {}
