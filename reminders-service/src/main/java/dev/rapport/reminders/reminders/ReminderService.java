package dev.rapport.reminders.reminders;

import dev.rapport.contracts.events.ClosedBy;
import dev.rapport.contracts.events.ReminderCreated;
import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.reminders.reminders.domain.ReminderIds;
import dev.rapport.reminders.reminders.domain.ReminderKind;
import dev.rapport.reminders.reminders.domain.ReminderStatus;
import dev.rapport.reminders.reminders.domain.ReminderSubject;
import dev.rapport.reminders.reminders.domain.ReminderTexts;
import dev.rapport.reminders.settings.NotificationSettingsService;
import dev.rapport.reminders.settings.domain.MemberPreferences;
import dev.rapport.support.events.Aggregates;
import dev.rapport.support.web.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Reminders: created once per cause and moved through their lifecycle by the member (complete, dismiss, snooze,
 * woken again). Reads are in {@link ReminderQueries}, the changes other services' events cause in {@link
 * ReminderChanges}.
 */
@Service
public class ReminderService {

    /** How many open promises a reminder's context shows (the earliest due). */
    static final int MAX_OPEN_PROMISES = 5;

    private final MongoTemplate mongo;
    private final Aggregates aggregates;
    private final NotificationSettingsService settings;
    private final ContactContexts contacts;
    private final Clock clock;

    public ReminderService(
            MongoTemplate mongo,
            Aggregates aggregates,
            NotificationSettingsService settings,
            ContactContexts contacts,
            Clock clock) {
        this.mongo = mongo;
        this.aggregates = aggregates;
        this.settings = settings;
        this.contacts = contacts;
        this.clock = clock;
    }

    /**
     * Stores a new reminder with its ReminderCreated event, unless one with the same id (the same cause)
     * exists already.
     *
     * @return whether it was created
     */
    public boolean create(ReminderDocument reminder, MemberPreferences member) {
        reminder.record(h -> new ReminderCreated(
                h,
                reminder.getId(),
                reminder.wireKind(),
                reminder.contactId,
                reminder.dueOn,
                ReminderTexts.title(member.locale(), reminder.subject())));
        try {
            aggregates.insert(reminder);
            return true;
        } catch (DuplicateKeyException alreadyCreated) {
            // The same cause delivered again: the reminder exists, nothing more to do.
            return false;
        }
    }

    /**
     * The reminder of one occurrence of a routine (the member's own, or a yearly milestone of a contact).
     *
     * @return whether it was created (false when that occurrence already has its reminder)
     */
    public boolean createFromRoutine(
            String memberId,
            String tenantId,
            String routineId,
            LocalDate occurrence,
            ReminderSubject subject,
            String detail,
            String contactId,
            MemberPreferences member) {
        ReminderDocument reminder = new ReminderDocument(
                ReminderIds.of(memberId, "routine", routineId, occurrence.toString()),
                subject.kind(),
                memberId,
                tenantId,
                clock.instant());
        if (subject.kind() == ReminderKind.ROUTINE) {
            reminder.title = subject.what();
        } else {
            reminder.what = subject.what();
            reminder.category = subject.category();
        }
        reminder.contactName = subject.contactName();
        reminder.contactId = contactId;
        reminder.detail = detail;
        reminder.dueOn = occurrence;
        reminder.routineId = routineId;
        if (contactId != null) {
            ContactContextDocument known = contacts.of(memberId, contactId);
            reminder.tier = known.tier;
            reminder.lastInteractionAt = known.lastInteractionAt;
            reminder.lastInteractionSummary = known.lastInteractionSummary;
        }
        return create(reminder, member);
    }

    /** One of the caller's reminders. */
    public ReminderView get(IdentityAssertion caller, String id) {
        return view(find(caller, id));
    }

    /**
     * A notice from the platform itself (a webhook subscription it had to turn off), as a reminder due today in the
     * member's time zone, so it shows in their list and digest; {@code causeId} makes a repeated notice a no-op.
     *
     * @return whether it was created
     */
    public boolean notice(String memberId, String tenantId, String causeId, String title, String detail) {
        MemberPreferences member = settings.preferences(memberId);
        ReminderDocument reminder =
                new ReminderDocument(causeId, ReminderKind.MANUAL, memberId, tenantId, clock.instant());
        reminder.title = title;
        reminder.detail = detail;
        reminder.dueOn = member.today(clock.instant());
        return create(reminder, member);
    }

    /** A reminder the member writes themselves. */
    public ReminderView createManual(IdentityAssertion caller, ManualReminderRequest request) {
        MemberPreferences member = settings.preferences(caller.memberId());
        LocalDate today = member.today(clock.instant());
        if (request.dueOn().isBefore(today)) {
            throw ApiException.invalidField("dueOn", "must be today (" + today + ") or later");
        }
        ReminderDocument reminder = new ReminderDocument(
                UUID.randomUUID().toString(),
                ReminderKind.MANUAL,
                caller.memberId(),
                caller.tenantId(),
                clock.instant());
        reminder.title = request.title().strip();
        reminder.detail = request.detail();
        reminder.dueOn = request.dueOn();
        reminder.contactId = request.contactId();
        if (request.contactId() != null) {
            ContactContextDocument known = contacts.of(caller.memberId(), request.contactId());
            reminder.contactName = request.contactName() != null ? request.contactName() : known.displayName;
            reminder.tier = known.tier;
        } else {
            reminder.contactName = request.contactName();
        }
        create(reminder, member);
        return view(reminder);
    }

    /** The member did it. */
    public ReminderView complete(IdentityAssertion caller, String id) {
        ReminderDocument reminder = find(caller, id);
        if (transition(() -> reminder.complete(ClosedBy.MEMBER, clock.instant()))) {
            aggregates.save(reminder);
            if (reminder.contactId != null) {
                contacts.touched(caller.memberId(), reminder.contactId, clock.instant());
            }
        }
        return view(reminder);
    }

    /** The member does not want it. */
    public ReminderView dismiss(IdentityAssertion caller, String id) {
        ReminderDocument reminder = find(caller, id);
        if (transition(() -> reminder.dismiss(ClosedBy.MEMBER, clock.instant()))) {
            aggregates.save(reminder);
        }
        return view(reminder);
    }

    /** The member wants to see it again on {@code until}. */
    public ReminderView snooze(IdentityAssertion caller, String id, LocalDate until) {
        ReminderDocument reminder = find(caller, id);
        MemberPreferences member = settings.preferences(caller.memberId());
        try {
            transition(() -> {
                reminder.snooze(until, member.today(clock.instant()), member.zone());
                return null;
            });
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("until", e.getMessage());
        }
        mongo.save(reminder);
        return view(reminder);
    }

    /**
     * Opens again every snoozed reminder whose day has begun in its member's zone: one sweep for all members
     * (every minute), never a write on a request's path.
     *
     * @return how many woke
     */
    @Scheduled(
            fixedDelayString = "${rapport.reminders.snooze-wake-interval:PT1M}",
            initialDelayString = "${rapport.reminders.snooze-wake-interval:PT1M}")
    public long wakeDueSnoozes() {
        Instant now = clock.instant();
        Update wake = new Update().set("status", "open").unset("snoozedUntil").unset("wakeAt");
        long woken = mongo.updateMulti(
                        new Query(Criteria.where("status")
                                .is("snoozed")
                                .and("wakeAt")
                                .lte(now)),
                        wake,
                        ReminderDocument.class)
                .getModifiedCount();
        // Snoozed before wakeAt existed: woken once their day has begun everywhere (UTC-12).
        LocalDate everywhere = now.atZone(java.time.ZoneOffset.ofHours(-12)).toLocalDate();
        woken += mongo.updateMulti(
                        new Query(Criteria.where("status")
                                .is("snoozed")
                                .and("wakeAt")
                                .is(null)
                                .and("snoozedUntil")
                                .lte(everywhere)),
                        wake,
                        ReminderDocument.class)
                .getModifiedCount();
        return woken;
    }

    private ReminderDocument find(IdentityAssertion caller, String id) {
        // By _id alone (a lookup on every store), the owner checked here: another member's reminder is not found.
        ReminderDocument found = mongo.findById(id, ReminderDocument.class);
        if (found == null || !caller.memberId().equals(found.getMemberId())) {
            throw ApiException.notFound("reminder", id);
        }
        return found;
    }

    private ReminderView view(ReminderDocument reminder) {
        return ReminderView.of(reminder, settings.preferences(reminder.getMemberId()), clock.instant());
    }

    private static <T> T transition(java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (ReminderStatus.TransitionRefused e) {
            throw ApiException.conflict(e.getMessage());
        }
    }
}
