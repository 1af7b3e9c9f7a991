package dev.rapport.contacts.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneOffset;

/**
 * When a birthday comes round again, and when to announce it (a few days ahead, so that there is
 * time to congratulate). Someone born on 29 February celebrates on 28 February in other years.
 */
public final class Birthdays {

    /**
     * The year that stands for "year not known" when a source gives only a month and a day
     * ({@code --06-02}): 1604 is a leap year (29 February fits) and the convention Apple's and
     * Android's contacts use for the same purpose.
     */
    public static final int UNKNOWN_YEAR = 1604;

    private Birthdays() {}

    /** The next birthday on or after {@code from}. */
    public static LocalDate nextOccurrence(LocalDate birthday, LocalDate from) {
        MonthDay day = MonthDay.from(birthday);
        LocalDate thisYear = day.atYear(from.getYear());
        return thisYear.isBefore(from) ? day.atYear(from.getYear() + 1) : thisYear;
    }

    /** A birthday to announce and the moment to announce it (UTC). */
    public record Notice(LocalDate occurrence, Instant announceAt) {}

    /** The first birthday whose announcement is still to come on {@code today}, given {@code leadDays}. */
    public static Notice next(LocalDate birthday, LocalDate today, int leadDays) {
        return noticeOf(nextOccurrence(birthday, today), leadDays);
    }

    /** The announcement of the birthday that follows {@code occurrence}. */
    public static Notice after(LocalDate birthday, LocalDate occurrence, int leadDays) {
        return noticeOf(nextOccurrence(birthday, occurrence.plusDays(1)), leadDays);
    }

    private static Notice noticeOf(LocalDate occurrence, int leadDays) {
        return new Notice(
                occurrence, occurrence.minusDays(leadDays).atStartOfDay().toInstant(ZoneOffset.UTC));
    }
}
