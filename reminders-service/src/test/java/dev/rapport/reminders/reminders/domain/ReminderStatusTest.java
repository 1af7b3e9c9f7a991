package dev.rapport.reminders.reminders.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ReminderStatusTest {

    static final LocalDate TODAY = LocalDate.of(2026, 3, 10);

    @Test
    void openAndSnoozedRemindersCanBeCompletedOrDismissed() {
        assertThat(ReminderStatus.OPEN.complete()).contains(ReminderStatus.DONE);
        assertThat(ReminderStatus.SNOOZED.complete()).contains(ReminderStatus.DONE);
        assertThat(ReminderStatus.OPEN.dismiss()).contains(ReminderStatus.DISMISSED);
        assertThat(ReminderStatus.SNOOZED.dismiss()).contains(ReminderStatus.DISMISSED);
    }

    @Test
    void repeatingTheSameFinalStepChangesNothing() {
        assertThat(ReminderStatus.DONE.complete()).isEmpty();
        assertThat(ReminderStatus.DISMISSED.dismiss()).isEmpty();
    }

    @Test
    void aDoneReminderCannotBeDismissedNorADismissedOneCompleted() {
        assertThatThrownBy(ReminderStatus.DONE::dismiss).isInstanceOf(ReminderStatus.TransitionRefused.class);
        assertThatThrownBy(ReminderStatus.DISMISSED::complete).isInstanceOf(ReminderStatus.TransitionRefused.class);
    }

    @Test
    void aSnoozeMustEndAfterTodayAndOnlyActiveRemindersSnooze() {
        ReminderStatus.OPEN.checkSnooze(TODAY.plusDays(1), TODAY);
        assertThatThrownBy(() -> ReminderStatus.OPEN.checkSnooze(TODAY, TODAY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReminderStatus.DONE.checkSnooze(TODAY.plusDays(3), TODAY))
                .isInstanceOf(ReminderStatus.TransitionRefused.class);
    }
}
