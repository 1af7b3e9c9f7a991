package dev.rapport.reminders.routines.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class RecurrenceRuleTest {

    static final LocalDate START = LocalDate.of(2026, 1, 15);

    @Test
    void aQuarterlyReviewRecursEveryThreeMonthsFromItsStart() {
        var rule = RecurrenceRule.parse("RRULE:FREQ=MONTHLY;INTERVAL=3");
        assertThat(rule.text()).isEqualTo("FREQ=MONTHLY;INTERVAL=3");
        assertThat(rule.upcoming(START, LocalDate.of(2026, 3, 10), 3))
                .containsExactly(LocalDate.of(2026, 4, 15), LocalDate.of(2026, 7, 15), LocalDate.of(2026, 10, 15));
    }

    @Test
    void aWeeklyRuleFallsOnItsWeekday() {
        var rule = RecurrenceRule.parse("FREQ=WEEKLY;BYDAY=TU");
        // 10 March 2026 is a Tuesday: it counts.
        assertThat(rule.upcoming(START, LocalDate.of(2026, 3, 10), 2))
                .containsExactly(LocalDate.of(2026, 3, 10), LocalDate.of(2026, 3, 17));
    }

    @Test
    void aLeapDayBirthdayIsCelebratedOnTheLastDayOfFebruary() {
        var rule = RecurrenceRule.parse("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1");
        assertThat(rule.upcoming(LocalDate.of(1992, 2, 29), LocalDate.of(2026, 1, 1), 3))
                .containsExactly(LocalDate.of(2026, 2, 28), LocalDate.of(2027, 2, 28), LocalDate.of(2028, 2, 29));
    }

    @Test
    void aRuleWithACountEnds() {
        var rule = RecurrenceRule.parse("FREQ=MONTHLY;COUNT=2");
        assertThat(rule.upcoming(START, START, 5)).containsExactly(START, LocalDate.of(2026, 2, 15));
        assertThat(rule.firstOnOrAfter(START, LocalDate.of(2026, 3, 1))).isEmpty();
    }

    @Test
    void anUntilDateEndsTheRule() {
        var rule = RecurrenceRule.parse("FREQ=WEEKLY;UNTIL=20260130");
        assertThat(rule.upcoming(START, START, 5))
                .containsExactly(START, LocalDate.of(2026, 1, 22), LocalDate.of(2026, 1, 29));
    }

    @Test
    void rulesFasterThanDailyOrWithTimesOrGarbageAreRefused() {
        assertThatThrownBy(() -> RecurrenceRule.parse("FREQ=HOURLY")).hasMessageContaining("FREQ");
        assertThatThrownBy(() -> RecurrenceRule.parse("FREQ=DAILY;BYHOUR=9")).hasMessageContaining("BYHOUR");
        assertThatThrownBy(() -> RecurrenceRule.parse("FREQ=WEEKLY;UNTIL=20260130T000000Z"))
                .hasMessageContaining("UNTIL");
        assertThatThrownBy(() -> RecurrenceRule.parse("every monday")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecurrenceRule.parse("FREQ=FORTNIGHTLY")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecurrenceRule.parse(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyPresetIsAValidRule() {
        for (RoutinePreset preset : RoutinePreset.values()) {
            assertThat(RecurrenceRule.parse(preset.rrule()).firstOnOrAfter(START, START))
                    .isPresent();
        }
    }
}
