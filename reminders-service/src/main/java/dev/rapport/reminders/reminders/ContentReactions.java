package dev.rapport.reminders.reminders;

import dev.rapport.contracts.events.ContentCadenceSlipped;
import dev.rapport.contracts.events.ContentPublished;
import dev.rapport.contracts.events.ContentShareSuggested;
import dev.rapport.reminders.reminders.domain.OpenerContext;
import dev.rapport.reminders.reminders.domain.OpenerSuggester;
import dev.rapport.reminders.reminders.domain.ReminderIds;
import dev.rapport.reminders.reminders.domain.ReminderKind;
import dev.rapport.reminders.settings.NotificationSettingsService;
import dev.rapport.reminders.settings.domain.MemberPreferences;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** What content-service's events do to the member's reminders: write when a cadence slipped, share, answer comments. */
@Component
class ContentReactions {

    private final ReminderService reminders;
    private final ContactContexts contacts;
    private final NotificationSettingsService settings;
    private final ReminderContext context;
    private final Clock clock;

    ContentReactions(
            ReminderService reminders,
            ContactContexts contacts,
            NotificationSettingsService settings,
            ReminderContext context,
            Clock clock) {
        this.reminders = reminders;
        this.contacts = contacts;
        this.settings = settings;
        this.context = context;
        this.clock = clock;
    }

    void cadenceSlipped(ContentCadenceSlipped e) {
        MemberPreferences member = settings.preferences(e.memberId());
        ReminderDocument reminder = new ReminderDocument(
                ReminderIds.of(e.memberId(), "write", e.channel(), String.valueOf(e.periodStart())),
                ReminderKind.WRITE,
                e.memberId(),
                e.tenantId(),
                clock.instant());
        reminder.what = e.channel();
        reminder.target = e.targetPerPeriod();
        reminder.published = e.publishedInPeriod();
        reminder.dueOn = member.today(e.occurredAt());
        reminder.sourceEventId = e.eventId();
        reminders.create(reminder, member);
    }

    void shareSuggested(ContentShareSuggested e) {
        MemberPreferences member = settings.preferences(e.memberId());
        for (ContentShareSuggested.Suggestion s : EventReactions.list(e.suggestions())) {
            if (s == null || s.contactId() == null) {
                continue;
            }
            ReminderDocument reminder = new ReminderDocument(
                    ReminderIds.of(e.memberId(), "share", e.itemId(), s.contactId()),
                    ReminderKind.SHARE,
                    e.memberId(),
                    e.tenantId(),
                    clock.instant());
            reminder.contactId = s.contactId();
            reminder.contactName = s.displayName();
            reminder.what = e.title();
            reminder.url = e.url();
            reminder.dueOn = member.today(e.occurredAt());
            reminder.sourceEventId = e.eventId();
            context.fill(reminder, e.memberId(), s.contactId());
            reminder.sharedInterests = EventReactions.list(s.matchedTopics());
            reminder.opener = OpenerSuggester.suggest(new OpenerContext(
                    reminder.sharedInterests,
                    null,
                    null,
                    null,
                    e.title(),
                    e.url(),
                    EventReactions.list(e.topics()),
                    1));
            reminders.create(reminder, member);
        }
    }

    void published(ContentPublished e) {
        Instant at = e.publishedAt() != null ? e.publishedAt() : e.occurredAt();
        contacts.published(e.memberId(), e.itemId(), e.title(), e.url(), e.topics(), at);
        MemberPreferences member = settings.preferences(e.memberId());
        ReminderDocument reminder = new ReminderDocument(
                ReminderIds.of(e.memberId(), "answer-comments", e.itemId()),
                ReminderKind.ANSWER_COMMENTS,
                e.memberId(),
                e.tenantId(),
                clock.instant());
        reminder.what = e.title();
        reminder.url = e.url();
        reminder.dueOn = member.today(at).plusDays(1);
        reminder.sourceEventId = e.eventId();
        reminders.create(reminder, member);
    }
}
