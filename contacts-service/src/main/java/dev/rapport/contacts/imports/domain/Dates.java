package dev.rapport.contacts.imports.domain;

import dev.rapport.contacts.domain.Birthdays;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The date spellings of contacts exports, read strictly: {@code 31 Feb 2024} is not a date. */
final class Dates {

    private static final List<DateTimeFormatter> FULL = List.of(
            DateTimeFormatter.ISO_LOCAL_DATE.withResolverStyle(ResolverStyle.STRICT),
            // LinkedIn: 12 Mar 2024
            DateTimeFormatter.ofPattern("d MMM uuuu", Locale.ENGLISH).withResolverStyle(ResolverStyle.STRICT),
            // Outlook (US): 4/17/1990
            DateTimeFormatter.ofPattern("M/d/uuuu", Locale.ENGLISH).withResolverStyle(ResolverStyle.STRICT),
            DateTimeFormatter.BASIC_ISO_DATE.withResolverStyle(ResolverStyle.STRICT));

    private Dates() {}

    /** A full date, if {@code text} is one. */
    static Optional<LocalDate> date(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        for (DateTimeFormatter format : FULL) {
            try {
                return Optional.of(LocalDate.parse(text.strip(), format));
            } catch (DateTimeParseException next) {
                // try the next spelling
            }
        }
        return Optional.empty();
    }

    /** A birthday: a full date, or a month and day ({@code --06-02}, {@code --0602}) in {@link Birthdays#UNKNOWN_YEAR}. */
    static Optional<LocalDate> birthday(String text) {
        Optional<LocalDate> full = date(text);
        if (full.isPresent() || text == null) {
            return full;
        }
        String s = text.strip();
        if (s.matches("--\\d{4}")) {
            s = "--" + s.substring(2, 4) + "-" + s.substring(4);
        }
        try {
            return Optional.of(MonthDay.parse(s).atYear(Birthdays.UNKNOWN_YEAR));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Outlook writes {@code 0/0/00} (or 1/1/1601 and 1/1/4501) for "no date". */
    static boolean isOutlookNone(String text) {
        return text == null
                || text.isBlank()
                || text.strip().matches("0+/0+/0+")
                || text.strip().equals("1/1/1601")
                || text.strip().equals("1/1/4501");
    }
}
