package dev.rapport.reminders.routines.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.transform.recurrence.Frequency;

/**
 * An iCalendar (RFC 5545) RRULE over whole days, evaluated by ical4j: {@code FREQ=MONTHLY;INTERVAL=3},
 * {@code FREQ=WEEKLY;BYDAY=TU}, {@code FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1} … Reminders are daily, so
 * rules more frequent than daily are refused, and so is an UNTIL with a time of day.
 */
public final class RecurrenceRule {

    private static final Set<Frequency> DAILY_OR_SLOWER =
            Set.of(Frequency.DAILY, Frequency.WEEKLY, Frequency.MONTHLY, Frequency.YEARLY);
    private static final LocalDate HORIZON_LIMIT = LocalDate.of(9999, 1, 1);

    private final String text;
    private final Recur<LocalDate> recur;

    private RecurrenceRule(String text, Recur<LocalDate> recur) {
        this.text = text;
        this.recur = recur;
    }

    /**
     * Parses a rule, with or without the {@code RRULE:} prefix.
     *
     * @throws IllegalArgumentException with a message for the member when the rule is not valid here
     */
    public static RecurrenceRule parse(String rule) {
        if (rule == null || rule.isBlank()) {
            throw new IllegalArgumentException("must be an RRULE such as FREQ=WEEKLY;BYDAY=MO");
        }
        String text = rule.strip();
        if (text.regionMatches(true, 0, "RRULE:", 0, 6)) {
            text = text.substring(6);
        }
        text = text.toUpperCase(java.util.Locale.ROOT);
        if (text.matches(".*UNTIL=[0-9]{8}T.*")) {
            throw new IllegalArgumentException("UNTIL must be a date (YYYYMMDD): reminders are by day");
        }
        Recur<LocalDate> recur;
        try {
            recur = new Recur<>(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("is not a valid RRULE: " + e.getMessage());
        }
        if (recur.getFrequency() == null || !DAILY_OR_SLOWER.contains(recur.getFrequency())) {
            throw new IllegalArgumentException("FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY");
        }
        if (!recur.getHourList().isEmpty()
                || !recur.getMinuteList().isEmpty()
                || !recur.getSecondList().isEmpty()) {
            throw new IllegalArgumentException("BYHOUR, BYMINUTE and BYSECOND do not apply: reminders are by day");
        }
        return new RecurrenceRule(text, recur);
    }

    /** The rule as text, normalized (no prefix, upper case). */
    public String text() {
        return text;
    }

    /** The first occurrence on or after {@code from} of the series starting {@code start}, if the series has one. */
    public Optional<LocalDate> firstOnOrAfter(LocalDate start, LocalDate from) {
        List<LocalDate> next = upcoming(start, from, 1);
        return next.isEmpty() ? Optional.empty() : Optional.of(next.getFirst());
    }

    /** Up to {@code count} occurrences on or after {@code from} of the series starting {@code start}. */
    public List<LocalDate> upcoming(LocalDate start, LocalDate from, int count) {
        LocalDate periodStart = from.isBefore(start) ? start : from;
        // The whole span up to the end of the calendar: the count, not the period, bounds the search.
        return recur.getDates(start, periodStart, HORIZON_LIMIT, count).stream()
                .filter(d -> !d.isBefore(periodStart))
                .sorted()
                .limit(count)
                .toList();
    }
}
