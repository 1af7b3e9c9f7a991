package dev.rapport.reminders.calendar;

import dev.rapport.reminders.calendar.domain.CalendarEntry;
import dev.rapport.reminders.reminders.ReminderQueries;
import dev.rapport.reminders.reminders.ReminderView;
import dev.rapport.reminders.settings.domain.MemberPreferences;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/** A member's active reminders as calendar entries, written in their language. */
@Component
public class CalendarSource {

    static final int MAX_ENTRIES = 1000;

    private final ReminderQueries reminders;

    CalendarSource(ReminderQueries reminders) {
        this.reminders = reminders;
    }

    /** Open and snoozed reminders from {@code pastDays} ago to a year ahead, each on its day. */
    public List<CalendarEntry> entries(String memberId, MemberPreferences member, Instant now, int pastDays) {
        LocalDate today = member.today(now);
        return reminders.activeBetween(memberId, today.minusDays(pastDays), today.plusYears(1), MAX_ENTRIES).stream()
                .map(r -> {
                    ReminderView view = ReminderView.of(r, member, now);
                    String description = Stream.of(
                                    view.why(),
                                    view.opener() == null ? null : view.opener().text(),
                                    view.detail(),
                                    view.url())
                            .filter(Objects::nonNull)
                            .collect(Collectors.joining("\n\n"));
                    return new CalendarEntry(r.getId(), r.effectiveDay(), view.title(), description);
                })
                .toList();
    }
}
