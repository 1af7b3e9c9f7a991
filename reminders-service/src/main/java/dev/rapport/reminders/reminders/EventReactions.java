package dev.rapport.reminders.reminders;

import dev.rapport.contracts.events.ContactArchived;
import dev.rapport.contracts.events.ContactGoneStale;
import dev.rapport.contracts.events.ContactReengaged;
import dev.rapport.contracts.events.ContentCadenceSlipped;
import dev.rapport.contracts.events.ContentPublished;
import dev.rapport.contracts.events.ContentShareSuggested;
import dev.rapport.contracts.events.DomainEvent;
import dev.rapport.contracts.events.GroupGoneQuiet;
import dev.rapport.contracts.events.InteractionLogged;
import dev.rapport.contracts.events.MilestoneRecorded;
import dev.rapport.reminders.reminders.domain.OpenerContext;
import dev.rapport.reminders.reminders.domain.OpenerSuggester;
import dev.rapport.reminders.reminders.domain.ReminderIds;
import dev.rapport.reminders.reminders.domain.ReminderKind;
import dev.rapport.reminders.reminders.domain.ReminderStatus;
import dev.rapport.reminders.routines.RoutineService;
import dev.rapport.reminders.settings.NotificationSettingsService;
import dev.rapport.reminders.settings.domain.MemberPreferences;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;

/**
 * What each consumed event does to the member's reminders. Every reminder's id derives from its cause
 * (the promise, the staleness episode, the milestone …), so a duplicated or replayed event creates
 * nothing new; fields a producer has not sent (yet) are tolerated as absent.
 */
@Component
public class EventReactions {

    /** Milestones older than this are not worth a congratulation any more, only context. */
    static final int CONGRATULATE_WITHIN_DAYS = 30;

    private final ReminderService reminders;
    private final ContactContexts contacts;
    private final NotificationSettingsService settings;
    private final RoutineService routines;
    private final Clock clock;

    EventReactions(
            ReminderService reminders,
            ContactContexts contacts,
            NotificationSettingsService settings,
            RoutineService routines,
            Clock clock) {
        this.reminders = reminders;
        this.contacts = contacts;
        this.settings = settings;
        this.routines = routines;
        this.clock = clock;
    }

    /** Acts on one consumed event; events that call for no action are ignored. */
    public void on(DomainEvent event) {
        switch (event) {
            case InteractionLogged e -> interactionLogged(e);
            case ContactGoneStale e -> contactGoneStale(e);
            case ContactReengaged e -> contactReengaged(e);
            case MilestoneRecorded e -> milestoneRecorded(e);
            case GroupGoneQuiet e -> groupGoneQuiet(e);
            case ContentCadenceSlipped e -> cadenceSlipped(e);
            case ContentShareSuggested e -> shareSuggested(e);
            case ContentPublished e -> published(e);
            case ContactArchived e -> archived(e);
            default -> {}
        }
    }

    private void interactionLogged(InteractionLogged e) {
        List<InteractionLogged.Participant> participants = list(e.contacts());
        boolean touch = !"inbound".equals(e.direction());
        Instant at = e.interactionAt() != null ? e.interactionAt() : e.occurredAt();
        for (InteractionLogged.Participant p : participants) {
            if (p == null || p.contactId() == null) {
                continue;
            }
            contacts.interaction(e.memberId(), p.contactId(), p.displayName(), at, e.summary(), touch);
            // Only an interaction after the one that made the contact stale ends the reach-out.
            reminders.closeMatching(
                    e.memberId(),
                    new Criteria()
                            .andOperator(
                                    Criteria.where("kind").is(ReminderKind.REACH_OUT.id()),
                                    Criteria.where("contactId").is(p.contactId()),
                                    new Criteria()
                                            .orOperator(
                                                    Criteria.where("lastInteractionAt")
                                                            .is(null),
                                                    Criteria.where("lastInteractionAt")
                                                            .lt(at))),
                    ReminderStatus.DONE,
                    "interaction");
        }
        InteractionLogged.Participant first = participants.stream()
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(new InteractionLogged.Participant(null, null));
        MemberPreferences member = settings.preferences(e.memberId());
        for (InteractionLogged.Promise promise : list(e.promises())) {
            if (promise == null || promise.promiseId() == null) {
                continue;
            }
            String id = ReminderIds.of(e.memberId(), "follow-up", promise.promiseId());
            if (promise.done()) {
                reminders.closeMatching(e.memberId(), Criteria.where("_id").is(id), ReminderStatus.DONE, "interaction");
                continue;
            }
            ReminderDocument reminder =
                    new ReminderDocument(id, ReminderKind.FOLLOW_UP, e.memberId(), e.tenantId(), clock.instant());
            reminder.contactId = first.contactId();
            reminder.contactName = first.displayName();
            reminder.what = promise.what();
            reminder.owedBy = "them".equalsIgnoreCase(promise.owedBy()) ? "them" : "me";
            reminder.detail = e.summary();
            reminder.dueOn = promise.dueOn() != null ? promise.dueOn() : member.today(clock.instant());
            reminder.lastInteractionAt = at;
            reminder.lastInteractionSummary = e.summary();
            reminder.sourceEventId = e.eventId();
            withContactContext(reminder, e.memberId(), first.contactId());
            reminders.create(reminder, member);
        }
    }

    private void contactGoneStale(ContactGoneStale e) {
        contacts.describe(e.memberId(), e.contactId(), e.displayName(), e.tier(), e.interests());
        ContactContextDocument known = contacts.of(e.memberId(), e.contactId());
        if (known.reengagedEpisode >= e.episode() && e.episode() > 0) {
            return; // a late delivery of an episode that is already over
        }
        if (known.lastInteractionAt != null
                && e.lastInteractionAt() != null
                && known.lastInteractionAt.isAfter(e.lastInteractionAt())) {
            return; // an interaction newer than the one that made the contact stale has been logged since
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
        reminder.dueOn = member.today(e.staleSince() != null ? e.staleSince() : e.occurredAt());
        reminder.sourceEventId = e.eventId();
        withContactContext(reminder, e.memberId(), e.contactId());
        reminder.tier = e.tier() != null ? e.tier() : reminder.tier;
        reminder.lastInteractionAt = e.lastInteractionAt() != null ? e.lastInteractionAt() : reminder.lastInteractionAt;
        if (e.lastInteractionSummary() != null) {
            reminder.lastInteractionSummary = e.lastInteractionSummary();
        }
        MemberContentDocument content = contacts.latestContent(e.memberId());
        reminder.opener = OpenerSuggester.suggest(new OpenerContext(
                reminder.interests,
                reminder.lastInteractionSummary,
                recentMilestone(reminder, member) ? reminder.milestoneTitle : null,
                reminder.milestoneCategory,
                content == null ? null : content.title,
                content == null ? null : content.url,
                content == null ? null : content.topics,
                e.episode()));
        reminders.create(reminder, member);
    }

    private void contactReengaged(ContactReengaged e) {
        contacts.reengaged(e.memberId(), e.contactId(), e.episode());
        Criteria which = Criteria.where("kind")
                .is(ReminderKind.REACH_OUT.id())
                .and("contactId")
                .is(e.contactId());
        reminders.closeMatching(e.memberId(), which, ReminderStatus.DONE, "reengaged");
    }

    private void milestoneRecorded(MilestoneRecorded e) {
        contacts.milestone(e.memberId(), e.contactId(), e.title(), e.kind(), e.date());
        if (e.recurringYearly() && e.date() != null) {
            routines.yearly(e);
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
        reminder.category = e.kind();
        reminder.dueOn = date.isBefore(today) ? today : date;
        reminder.sourceEventId = e.eventId();
        withContactContext(reminder, e.memberId(), e.contactId());
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

    private void cadenceSlipped(ContentCadenceSlipped e) {
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

    private void shareSuggested(ContentShareSuggested e) {
        MemberPreferences member = settings.preferences(e.memberId());
        for (ContentShareSuggested.Suggestion s : list(e.suggestions())) {
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
            withContactContext(reminder, e.memberId(), s.contactId());
            reminder.sharedInterests = list(s.matchedTopics());
            reminder.opener = OpenerSuggester.suggest(new OpenerContext(
                    reminder.sharedInterests, null, null, null, e.title(), e.url(), list(e.topics()), 1));
            reminders.create(reminder, member);
        }
    }

    private void published(ContentPublished e) {
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

    private void archived(ContactArchived e) {
        reminders.closeMatching(
                e.memberId(),
                Criteria.where("contactId").is(e.contactId()),
                ReminderStatus.DISMISSED,
                "contact-archived");
        routines.contactArchived(e.memberId(), e.contactId());
    }

    /** Copies what is known of the contact into the reminder's context. */
    private void withContactContext(ReminderDocument reminder, String memberId, String contactId) {
        if (contactId == null) {
            return;
        }
        ContactContextDocument known = contacts.of(memberId, contactId);
        reminder.tier = known.tier;
        reminder.interests = known.interests;
        reminder.lastInteractionAt =
                reminder.lastInteractionAt != null ? reminder.lastInteractionAt : known.lastInteractionAt;
        reminder.lastInteractionSummary = reminder.lastInteractionSummary != null
                ? reminder.lastInteractionSummary
                : known.lastInteractionSummary;
        reminder.milestoneTitle = known.milestoneTitle;
        reminder.milestoneCategory = known.milestoneCategory;
        reminder.milestoneDate = known.milestoneDate;
        List<dev.rapport.reminders.reminders.domain.PromiseNote> promises = reminders.openPromises(memberId, contactId);
        reminder.openPromises = promises.isEmpty() ? null : promises;
        MemberContentDocument content = contacts.latestContent(memberId);
        if (content != null && known.interests != null && content.topics != null) {
            List<String> topics =
                    content.topics.stream().map(OpenerSuggester::normalize).toList();
            List<String> shared = known.interests.stream()
                    .filter(i -> topics.contains(OpenerSuggester.normalize(i)))
                    .toList();
            reminder.sharedInterests = shared.isEmpty() ? null : shared;
        }
    }

    private boolean recentMilestone(ReminderDocument reminder, MemberPreferences member) {
        return reminder.milestoneDate != null
                && !reminder.milestoneDate.isBefore(
                        member.today(clock.instant()).minusDays(90));
    }

    private static <T> List<T> list(List<T> maybe) {
        return maybe == null ? List.of() : maybe;
    }
}
