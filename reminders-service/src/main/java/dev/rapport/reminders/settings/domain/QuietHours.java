package dev.rapport.reminders.settings.domain;

import java.time.LocalTime;
import java.time.ZonedDateTime;

/**
 * Hours of the member's day when nothing is sent, from {@code start} (inclusive) to {@code end}
 * (exclusive); they may span midnight (22:00–07:00). Equal start and end mean no quiet hours.
 */
public record QuietHours(LocalTime start, LocalTime end) {

    public QuietHours {
        if (start == null || end == null) {
            throw new IllegalArgumentException("quiet hours need a start and an end");
        }
    }

    /** Whether {@code time} falls in the quiet hours. */
    public boolean contains(LocalTime time) {
        if (start.equals(end)) {
            return false;
        }
        return start.isBefore(end)
                ? !time.isBefore(start) && time.isBefore(end)
                : !time.isBefore(start) || time.isBefore(end);
    }

    /** {@code moment} itself, or the end of the quiet hours it falls in. */
    public ZonedDateTime nextAllowed(ZonedDateTime moment) {
        if (!contains(moment.toLocalTime())) {
            return moment;
        }
        ZonedDateTime sameDay = moment.with(end);
        return sameDay.isAfter(moment) ? sameDay : sameDay.plusDays(1);
    }
}
