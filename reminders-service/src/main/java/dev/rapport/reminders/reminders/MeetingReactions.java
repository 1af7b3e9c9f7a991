package dev.rapport.reminders.reminders;

import dev.rapport.contracts.events.ClosedBy;
import dev.rapport.contracts.events.MeetingCancelled;
import dev.rapport.contracts.events.MeetingScheduled;
import dev.rapport.reminders.reminders.domain.ReminderIds;
import dev.rapport.reminders.reminders.domain.ReminderKind;
import dev.rapport.reminders.reminders.domain.ReminderStatus;
import dev.rapport.reminders.settings.NotificationSettingsService;
import dev.rapport.reminders.settings.domain.MemberPreferences;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;

/** What captured meetings do to the member's reminders: prepare each contact the day before; a cancelled one dismisses them. */
@Component
class MeetingReactions {

    private final ReminderService reminders;
    private final ReminderChanges changes;
    private final NotificationSettingsService settings;
    private final ReminderContext context;
    private final Clock clock;

    MeetingReactions(
            ReminderService reminders,
            ReminderChanges changes,
            NotificationSettingsService settings,
            ReminderContext context,
            Clock clock) {
        this.reminders = reminders;
        this.changes = changes;
        this.settings = settings;
        this.context = context;
        this.clock = clock;
    }

    /**
     * A meeting ahead with contacts: a prepare reminder per contact, due the day before (today when that has
     * passed), with the contact's context and open promises; a meeting that moved moves its reminder.
     */
    void meetingScheduled(MeetingScheduled e) {
        if (e.startsAt() == null || !e.startsAt().isAfter(clock.instant())) {
            return; // under way or over (a late delivery): nothing left to prepare
        }
        MemberPreferences member = settings.preferences(e.memberId());
        LocalDate today = member.today(clock.instant());
        LocalDate dayBefore = member.today(e.startsAt()).minusDays(1);
        LocalDate due = dayBefore.isBefore(today) ? today : dayBefore;
        // A meeting later today is prepared today: "Today: …" rather than "Tomorrow: …".
        String when = dayBefore.isBefore(today) ? "today" : null;
        for (MeetingScheduled.Participant p : EventReactions.list(e.contacts())) {
            if (p == null || p.contactId() == null) {
                continue;
            }
            String id = ReminderIds.of(e.memberId(), "prepare", e.meetingId(), p.contactId());
            ReminderDocument reminder =
                    new ReminderDocument(id, ReminderKind.PREPARE, e.memberId(), e.tenantId(), clock.instant());
            reminder.contactId = p.contactId();
            reminder.contactName = p.displayName();
            reminder.what = e.title();
            reminder.category = when;
            reminder.dueOn = due;
            reminder.sourceEventId = e.eventId();
            context.fill(reminder, e.memberId(), p.contactId());
            if (!reminders.create(reminder, member)) {
                changes.moveOpen(e.memberId(), id, due, e.title(), when);
            }
        }
    }

    /** A meeting ahead no longer takes place: its prepare reminders are dismissed. */
    void meetingCancelled(MeetingCancelled e) {
        List<String> ids = EventReactions.list(e.contactIds()).stream()
                .filter(Objects::nonNull)
                .map(contactId -> ReminderIds.of(e.memberId(), "prepare", e.meetingId(), contactId))
                .toList();
        if (!ids.isEmpty()) {
            changes.closeAll(e.memberId(), ids, ReminderStatus.DISMISSED, ClosedBy.MEETING_CANCELLED);
        }
    }
}
