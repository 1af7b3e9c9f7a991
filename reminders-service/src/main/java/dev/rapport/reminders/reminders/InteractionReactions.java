package dev.rapport.reminders.reminders;

import dev.rapport.contracts.events.ClosedBy;
import dev.rapport.contracts.events.InteractionDirection;
import dev.rapport.contracts.events.InteractionLogged;
import dev.rapport.contracts.events.InteractionRemoved;
import dev.rapport.contracts.events.OwedBy;
import dev.rapport.contracts.events.PromiseReopened;
import dev.rapport.reminders.reminders.domain.ReminderIds;
import dev.rapport.reminders.reminders.domain.ReminderKind;
import dev.rapport.reminders.reminders.domain.ReminderStatus;
import dev.rapport.reminders.settings.NotificationSettingsService;
import dev.rapport.reminders.settings.domain.MemberPreferences;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * What interactions and the promises made in them do to the member's reminders: a logged interaction moves its
 * contacts' last interaction and opens a follow-up per open promise, a removed one dismisses them, a promise kept
 * or reopened completes or reopens its follow-up.
 */
@Component
class InteractionReactions {

    private final ReminderService reminders;
    private final ReminderChanges changes;
    private final ReminderContext context;
    private final ContactContexts contacts;
    private final NotificationSettingsService settings;
    private final Clock clock;

    InteractionReactions(
            ReminderService reminders,
            ReminderChanges changes,
            ReminderContext context,
            ContactContexts contacts,
            NotificationSettingsService settings,
            Clock clock) {
        this.reminders = reminders;
        this.changes = changes;
        this.context = context;
        this.contacts = contacts;
        this.settings = settings;
        this.clock = clock;
    }

    /** A logged interaction: the contacts' last interaction moves, and each open promise made in it gets a follow-up. */
    void logged(InteractionLogged e) {
        List<InteractionLogged.Participant> participants = EventReactions.list(e.contacts());
        boolean touch = e.direction() != InteractionDirection.INBOUND;
        Instant at = e.interactionAt() != null ? e.interactionAt() : e.occurredAt();
        Map<String, ContactContextDocument> known = new HashMap<>();
        for (InteractionLogged.Participant p : participants) {
            if (p == null || p.contactId() == null) {
                continue;
            }
            // A reach-out lasts as long as its staleness episode: contacts-service ends it (ContactReengaged)
            // when an interaction brings the contact back within cadence, not on any interaction.
            known.put(
                    p.contactId(),
                    contacts.interaction(e.memberId(), p.contactId(), p.displayName(), at, e.summary(), touch));
        }
        InteractionLogged.Participant first = participants.stream()
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(new InteractionLogged.Participant(null, null));
        MemberPreferences member = null; // read once, and only for a promise to follow up (most interactions have none)
        for (InteractionLogged.Promise promise : EventReactions.list(e.promises())) {
            if (promise == null || promise.promiseId() == null) {
                continue;
            }
            if (promise.done()) {
                continue; // kept already: nothing to follow up
            }
            if (member == null) {
                member = settings.preferences(e.memberId());
            }
            ReminderDocument reminder = followUp(
                    e.memberId(),
                    e.tenantId(),
                    promise.promiseId(),
                    first.contactId(),
                    first.displayName(),
                    promise.owedBy(),
                    promise.what(),
                    promise.dueOn(),
                    member);
            reminder.detail = e.summary();
            reminder.lastInteractionAt = at;
            reminder.lastInteractionSummary = e.summary();
            reminder.sourceEventId = e.eventId();
            reminder.promiseRevision = 0;
            // What the interaction's upsert answered; none when the first participant names no contact.
            ContactContextDocument firstKnown = known.get(first.contactId());
            if (firstKnown != null) {
                context.fill(reminder, e.memberId(), firstKnown);
            }
            reminders.create(reminder, member);
        }
    }

    /**
     * An interaction was removed (a captured meeting cancelled or moved, its source deleted): the follow-ups of
     * the promises made in it are dismissed while open (one already done stays done: the member did it), and the
     * contact's last interaction goes back to what remains. A reach-out the interaction had ended is not reopened
     * here: contacts-service's sweep starts a new staleness episode when the clock, put back, has lapsed.
     */
    void removed(InteractionRemoved e) {
        if (e.contactId() != null) {
            contacts.interactionRemoved(
                    e.memberId(), e.contactId(), e.interactionAt(), e.lastInteractionAt(), e.lastInteractionSummary());
        }
        List<String> followUps = EventReactions.list(e.promiseIds()).stream()
                .filter(Objects::nonNull)
                .map(promiseId -> ReminderIds.of(e.memberId(), "follow-up", promiseId))
                .toList();
        if (!followUps.isEmpty()) {
            changes.closeAll(e.memberId(), followUps, ReminderStatus.DISMISSED, ClosedBy.INTERACTION_REMOVED);
        }
    }

    private ReminderDocument followUp(
            String memberId,
            String tenantId,
            String promiseId,
            String contactId,
            String contactName,
            OwedBy owedBy,
            String what,
            LocalDate dueOn,
            MemberPreferences member) {
        ReminderDocument reminder = new ReminderDocument(
                ReminderIds.of(memberId, "follow-up", promiseId),
                ReminderKind.FOLLOW_UP,
                memberId,
                tenantId,
                clock.instant());
        reminder.contactId = contactId;
        reminder.contactName = contactName;
        reminder.what = what;
        // A promise owed by a party this build does not know (null) is followed up as the member's own.
        reminder.owedBy = (owedBy == OwedBy.THEM ? OwedBy.THEM : OwedBy.ME).wire();
        reminder.dueOn = dueOn != null ? dueOn : member.today(clock.instant());
        return reminder;
    }

    /**
     * A promise was kept (its follow-up is done) or opened again (its follow-up is open again, and made
     * anew if it is not there); a change older than the one applied is ignored.
     */
    void promiseChanged(String memberId, String promiseId, boolean kept, int revision, PromiseReopened e) {
        String id = ReminderIds.of(memberId, "follow-up", promiseId);
        if (changes.promiseChanged(memberId, id, kept, revision) || kept) {
            return;
        }
        MemberPreferences member = settings.preferences(memberId);
        ReminderDocument reminder = followUp(
                memberId,
                e.tenantId(),
                promiseId,
                e.contactId(),
                e.contactId() == null ? null : contacts.of(memberId, e.contactId()).displayName,
                e.owedBy(),
                e.what(),
                e.dueOn(),
                member);
        reminder.sourceEventId = e.eventId();
        reminder.promiseRevision = revision;
        context.fill(reminder, memberId, e.contactId());
        reminders.create(reminder, member);
    }
}
