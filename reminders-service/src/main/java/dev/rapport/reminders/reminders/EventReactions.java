package dev.rapport.reminders.reminders;

import dev.rapport.contracts.events.ClosedBy;
import dev.rapport.contracts.events.ContactArchived;
import dev.rapport.contracts.events.ContactGoneStale;
import dev.rapport.contracts.events.ContactReengaged;
import dev.rapport.contracts.events.ContactUpdated;
import dev.rapport.contracts.events.ContentCadenceSlipped;
import dev.rapport.contracts.events.ContentPublished;
import dev.rapport.contracts.events.ContentShareSuggested;
import dev.rapport.contracts.events.DomainEvent;
import dev.rapport.contracts.events.GroupGoneQuiet;
import dev.rapport.contracts.events.InteractionLogged;
import dev.rapport.contracts.events.InteractionRemoved;
import dev.rapport.contracts.events.MeetingCancelled;
import dev.rapport.contracts.events.MeetingScheduled;
import dev.rapport.contracts.events.MilestoneRecorded;
import dev.rapport.contracts.events.PromiseKept;
import dev.rapport.contracts.events.PromiseReopened;
import dev.rapport.contracts.events.WireValue;
import dev.rapport.reminders.reminders.domain.OpenerContext;
import dev.rapport.reminders.reminders.domain.OpenerSuggester;
import dev.rapport.reminders.reminders.domain.ReminderIds;
import dev.rapport.reminders.reminders.domain.ReminderKind;
import dev.rapport.reminders.reminders.domain.ReminderStatus;
import dev.rapport.reminders.settings.NotificationSettingsService;
import dev.rapport.reminders.settings.domain.MemberPreferences;
import dev.rapport.support.events.EventHandler;
import dev.rapport.support.events.EventRoutes;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * What each consumed event does to the member's reminders. Every reminder's id derives from its cause
 * (the promise, the staleness episode, the milestone …), so a duplicated or replayed event creates
 * nothing new, and every change is judged against the state the event was about (the staleness episode,
 * the promise's revision, when the birthday or the archive was told), so replaying a topic from its start
 * changes nothing; fields a producer has not sent (yet) are tolerated as absent.
 */
@Component
public class EventReactions {

    /** Milestones older than this are not worth a congratulation any more, only context. */
    static final int CONGRATULATE_WITHIN_DAYS = 30;

    private final ReminderService reminders;
    private final ReminderChanges changes;
    private final ReminderContext context;
    private final InteractionReactions interactions;
    private final ContentReactions content;
    private final MeetingReactions meetings;
    private final ContactContexts contacts;
    private final NotificationSettingsService settings;
    private final ContactRoutines routines;
    private final Clock clock;
    private final EventRoutes routes;

    EventReactions(
            ReminderService reminders,
            ReminderChanges changes,
            ReminderContext context,
            InteractionReactions interactions,
            ContentReactions content,
            MeetingReactions meetings,
            ContactContexts contacts,
            NotificationSettingsService settings,
            ContactRoutines routines,
            Clock clock) {
        this.reminders = reminders;
        this.changes = changes;
        this.context = context;
        this.interactions = interactions;
        this.content = content;
        this.meetings = meetings;
        this.contacts = contacts;
        this.settings = settings;
        this.routines = routines;
        this.clock = clock;
        this.routes = routes();
    }

    /** Acts on one consumed event; events that call for no action are ignored. */
    public void on(DomainEvent event) {
        routes.handle(event);
    }

    /** The events this service acts on, each with its reaction (the inbox skips the others before any store work). */
    public EventHandler handler() {
        return routes;
    }

    private EventRoutes routes() {
        return new EventRoutes()
                .on(InteractionLogged.class, interactions::logged)
                .on(InteractionRemoved.class, interactions::removed)
                .on(
                        PromiseKept.class,
                        e -> interactions.promiseChanged(e.memberId(), e.promiseId(), true, e.revision(), null))
                .on(
                        PromiseReopened.class,
                        e -> interactions.promiseChanged(e.memberId(), e.promiseId(), false, e.revision(), e))
                .on(ContactUpdated.class, this::contactUpdated)
                .on(ContactGoneStale.class, this::contactGoneStale)
                .on(ContactReengaged.class, this::contactReengaged)
                .on(MilestoneRecorded.class, this::milestoneRecorded)
                .on(GroupGoneQuiet.class, this::groupGoneQuiet)
                .on(ContentCadenceSlipped.class, content::cadenceSlipped)
                .on(ContentShareSuggested.class, content::shareSuggested)
                .on(ContentPublished.class, content::published)
                .on(ContactArchived.class, this::archived)
                .on(MeetingScheduled.class, meetings::meetingScheduled)
                .on(MeetingCancelled.class, meetings::meetingCancelled);
    }

    private void contactGoneStale(ContactGoneStale e) {
        contacts.describe(e.memberId(), e.contactId(), e.displayName(), wire(e.tier()), e.interests());
        ContactContextDocument known = contacts.of(e.memberId(), e.contactId());
        if (known.reengagedEpisode >= e.episode() && e.episode() > 0) {
            return; // a late delivery of an episode that is already over
        }
        MemberPreferences member = settings.preferences(e.memberId());
        ReminderDocument reminder = new ReminderDocument(
                ReminderIds.of(e.memberId(), "reach-out", e.contactId(), Integer.toString(e.episode())),
                ReminderKind.REACH_OUT,
                e.memberId(),
                e.tenantId(),
                clock.instant());
        reminder.contactId = e.contactId();
        reminder.contactName = e.displayName() != null ? e.displayName() : known.displayName;
        reminder.cadenceDays = e.cadenceDays() > 0 ? e.cadenceDays() : null;
        reminder.episode = e.episode();
        reminder.dueOn = member.today(e.staleSince() != null ? e.staleSince() : e.occurredAt());
        reminder.sourceEventId = e.eventId();
        context.fill(reminder, e.memberId(), e.contactId());
        reminder.tier = e.tier() != null ? e.tier().wire() : reminder.tier;
        reminder.lastInteractionAt = e.lastInteractionAt() != null ? e.lastInteractionAt() : reminder.lastInteractionAt;
        if (e.lastInteractionSummary() != null) {
            reminder.lastInteractionSummary = e.lastInteractionSummary();
        }
        MemberContentDocument content = contacts.latestContent(e.memberId());
        reminder.opener = OpenerSuggester.suggest(new OpenerContext(
                reminder.interests,
                reminder.lastInteractionSummary,
                reminder.milestoneWithin90Days(member.today(clock.instant())) ? reminder.milestoneTitle : null,
                reminder.milestoneCategory,
                content == null ? null : content.title,
                content == null ? null : content.url,
                content == null ? null : content.topics,
                e.episode()));
        reminders.create(reminder, member);
    }

    private void contactReengaged(ContactReengaged e) {
        contacts.reengaged(e.memberId(), e.contactId(), e.episode());
        // The reach-outs of this episode and earlier ones; a later episode's (a replayed old event) stays.
        changes.closeReachOuts(e.memberId(), e.contactId(), e.episode(), ReminderStatus.DONE, ClosedBy.REENGAGED);
    }

    private void milestoneRecorded(MilestoneRecorded e) {
        contacts.milestone(e.memberId(), e.contactId(), e.title(), wire(e.kind()), e.date());
        if (e.recurringYearly() && e.date() != null) {
            contacts.describe(e.memberId(), e.contactId(), e.displayName(), null, null);
            LocalDate birthday = e.birthday() != null ? e.birthday() : e.date();
            if (contacts.birthday(e.memberId(), e.contactId(), birthday, e.occurredAt())) {
                birthdayRoutine(e.memberId(), e.tenantId(), e.contactId());
            }
            return;
        }
        MemberPreferences member = settings.preferences(e.memberId());
        LocalDate today = member.today(clock.instant());
        LocalDate date = e.date() != null ? e.date() : member.today(e.occurredAt());
        if (date.isBefore(today.minusDays(CONGRATULATE_WITHIN_DAYS))) {
            return;
        }
        ReminderDocument reminder = new ReminderDocument(
                ReminderIds.of(e.memberId(), "congratulate", e.milestoneId()),
                ReminderKind.CONGRATULATE,
                e.memberId(),
                e.tenantId(),
                clock.instant());
        reminder.contactId = e.contactId();
        reminder.contactName = e.displayName();
        reminder.what = e.title();
        reminder.category = wire(e.kind());
        reminder.dueOn = date.isBefore(today) ? today : date;
        reminder.sourceEventId = e.eventId();
        context.fill(reminder, e.memberId(), e.contactId());
        reminders.create(reminder, member);
    }

    private void groupGoneQuiet(GroupGoneQuiet e) {
        MemberPreferences member = settings.preferences(e.memberId());
        ReminderDocument reminder = new ReminderDocument(
                ReminderIds.of(e.memberId(), "participate", e.groupId(), Integer.toString(e.episode())),
                ReminderKind.PARTICIPATE,
                e.memberId(),
                e.tenantId(),
                clock.instant());
        reminder.what = e.name();
        reminder.dueOn = member.today(e.quietSince() != null ? e.quietSince() : e.occurredAt());
        reminder.sourceEventId = e.eventId();
        reminders.create(reminder, member);
    }

    private void archived(ContactArchived e) {
        if (!contacts.archived(e.memberId(), e.contactId(), e.occurredAt())) {
            return; // restored since: a late or replayed archive changes nothing
        }
        changes.closeOfContact(e.memberId(), e.contactId(), ReminderStatus.DISMISSED, ClosedBy.CONTACT_ARCHIVED);
        routines.contactArchived(e.memberId(), e.contactId());
    }

    /**
     * A restored contact gets back their birthday routine, the reach-out of a staleness episode still running
     * and their follow-ups; a changed or cleared birthday moves or removes the routine.
     */
    private void contactUpdated(ContactUpdated e) {
        List<String> changed = list(e.changedFields());
        boolean restored = changed.contains("archived");
        boolean birthday = changed.contains("birthday")
                && contacts.birthday(e.memberId(), e.contactId(), e.birthday(), e.occurredAt());
        if (restored) {
            contacts.restored(e.memberId(), e.contactId(), e.occurredAt());
            ContactContextDocument known = contacts.of(e.memberId(), e.contactId());
            if (!known.archived()) {
                // Still stale, or still owing: what the archive dismissed comes back.
                changes.reopenArchived(e.memberId(), e.contactId(), known.reengagedEpisode);
            }
        }
        if (restored || birthday) {
            contacts.describe(e.memberId(), e.contactId(), e.displayName(), wire(e.tier()), e.interests());
            birthdayRoutine(e.memberId(), e.tenantId(), e.contactId());
        }
    }

    /** Makes the contact's birthday routine what the known state says: there, on its day, or gone. */
    private void birthdayRoutine(String memberId, String tenantId, String contactId) {
        ContactContextDocument known = contacts.of(memberId, contactId);
        if (known.birthday == null || known.archived()) {
            routines.noBirthday(memberId, contactId);
        } else {
            routines.birthday(memberId, tenantId, contactId, known.displayName, known.birthday);
        }
    }

    static <T> List<T> list(List<T> maybe) {
        return maybe == null ? List.of() : maybe;
    }

    /** A vocabulary value as the reminders store it; null when absent or unknown to this build. */
    private static String wire(WireValue value) {
        return value == null ? null : value.wire();
    }
}
