package dev.rapport.content.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/** The calendar period a cadence counts in: ISO weeks (Monday first), calendar months or calendar quarters. */
public enum CadencePeriod {
    WEEK,
    MONTH,
    QUARTER;

    /** The period named as in the API ({@code week}, {@code month}, {@code quarter}). */
    public static CadencePeriod of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }

    /** The name used in the API and in events. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The first day of the period that contains {@code day}. */
    public LocalDate startOf(LocalDate day) {
        return switch (this) {
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
            case QUARTER -> day.withMonth((day.getMonthValue() - 1) / 3 * 3 + 1).withDayOfMonth(1);
        };
    }

    /** The first day of the period after the one starting on {@code start}. */
    public LocalDate next(LocalDate start) {
        return switch (this) {
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
            case QUARTER -> start.plusMonths(3);
        };
    }

    /** The first day of the period before the one starting on {@code start}. */
    public LocalDate previous(LocalDate start) {
        return switch (this) {
            case WEEK -> start.minusWeeks(1);
            case MONTH -> start.minusMonths(1);
            case QUARTER -> start.minusMonths(3);
        };
    }

    /** The first period that lies wholly on or after {@code day}: a cadence set mid-week is first judged next week. */
    public LocalDate firstFullPeriodFrom(LocalDate day) {
        LocalDate start = startOf(day);
        return start.equals(day) ? start : next(start);
    }
}
