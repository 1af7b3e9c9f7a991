package dev.rapport.reminders.reminders;

import dev.rapport.contracts.events.ClosedBy;
import dev.rapport.contracts.events.ReminderCompleted;
import dev.rapport.contracts.events.ReminderCreated;
import dev.rapport.contracts.events.ReminderDismissed;
import dev.rapport.contracts.events.ReminderReopened;
import dev.rapport.contracts.events.ReopenedBy;
import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.reminders.reminders.domain.DigestCandidate;
import dev.rapport.reminders.reminders.domain.PromiseNote;
import dev.rapport.reminders.reminders.domain.ReminderIds;
import dev.rapport.reminders.reminders.domain.ReminderKind;
import dev.rapport.reminders.reminders.domain.ReminderStatus;
import dev.rapport.reminders.reminders.domain.ReminderSubject;
import dev.rapport.reminders.reminders.domain.ReminderTexts;
import dev.rapport.reminders.settings.NotificationSettingsService;
import dev.rapport.reminders.settings.domain.MemberPreferences;
import dev.rapport.support.events.Aggregates;
import dev.rapport.support.mongo.OptimisticRetry;
import dev.rapport.support.web.ApiException;
import dev.rapport.support.web.CursorPage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/** Reminders: created once per cause, listed and filtered for the member, moved through their lifecycle. */
@Service
public class ReminderService {

    private static final List<String> ACTIVE = List.of("open", "snoozed");
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

    /** The filters of a list of reminders; each may be null. */
    public record Filter(String status, String kind, LocalDate dueBefore, String contactId) {}

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
                wireKind(reminder),
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

    /** A page of the caller's reminders, by due date, filtered. */
    public CursorPage<ReminderView> list(IdentityAssertion caller, Filter filter, String cursor, int limit) {
        MemberPreferences member = settings.preferences(caller.memberId());
        List<Criteria> criteria = new ArrayList<>();
        criteria.add(Criteria.where("memberId").is(caller.memberId()));
        if (filter.status() != null) {
            if (ReminderStatus.of(filter.status()).isEmpty()) {
                throw ApiException.invalidField("status", "must be open, snoozed, done or dismissed");
            }
            criteria.add(Criteria.where("status").is(filter.status()));
        }
        if (filter.kind() != null) {
            if (ReminderKind.of(filter.kind()).isEmpty()) {
                throw ApiException.invalidField("kind", "must be one of " + ReminderKind.names());
            }
            criteria.add(Criteria.where("kind").is(filter.kind()));
        }
        if (filter.dueBefore() != null) {
            criteria.add(Criteria.where("dueOn").lt(filter.dueBefore()));
        }
        if (filter.contactId() != null) {
            criteria.add(Criteria.where("contactId").is(filter.contactId()));
        }
        Query all = new Query(new Criteria().andOperator(List.copyOf(criteria)));
        if (cursor != null) {
            Position after = Position.decode(cursor);
            criteria.add(new Criteria()
                    .orOperator(
                            Criteria.where("dueOn").gt(after.dueOn()),
                            new Criteria()
                                    .andOperator(
                                            Criteria.where("dueOn").is(after.dueOn()),
                                            Criteria.where("_id").gt(after.id()))));
        }
        List<ReminderDocument> found = mongo.find(
                new Query(new Criteria().andOperator(criteria))
                        .with(Sort.by("dueOn", "_id"))
                        .limit(limit + 1),
                ReminderDocument.class);
        String next = null;
        // A first page that holds every match is its own count: only longer lists pay for a second query.
        long total = cursor == null && found.size() <= limit ? found.size() : mongo.count(all, ReminderDocument.class);
        if (found.size() > limit) {
            found = found.subList(0, limit);
            next = new Position(found.getLast().dueOn, found.getLast().getId()).encode();
        }
        Instant now = clock.instant();
        return new CursorPage<>(
                found.stream().map(r -> ReminderView.of(r, member, now)).toList(), total, next);
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
        Optional<ReminderStatus> next = transition(() -> status(reminder).complete());
        if (next.isPresent()) {
            close(reminder, next.get(), ClosedBy.MEMBER);
            if (reminder.contactId != null) {
                contacts.touched(caller.memberId(), reminder.contactId, clock.instant());
            }
        }
        return view(reminder);
    }

    /** The member does not want it. */
    public ReminderView dismiss(IdentityAssertion caller, String id) {
        ReminderDocument reminder = find(caller, id);
        Optional<ReminderStatus> next = transition(() -> status(reminder).dismiss());
        next.ifPresent(status -> close(reminder, status, ClosedBy.MEMBER));
        return view(reminder);
    }

    /** The member wants to see it again on {@code until}. */
    public ReminderView snooze(IdentityAssertion caller, String id, LocalDate until) {
        ReminderDocument reminder = find(caller, id);
        LocalDate today = settings.preferences(caller.memberId()).today(clock.instant());
        try {
            transition(() -> {
                status(reminder).checkSnooze(until, today);
                return Optional.empty();
            });
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("until", e.getMessage());
        }
        reminder.status = ReminderStatus.SNOOZED.id();
        reminder.snoozedUntil = until;
        reminder.wakeAt = until.atStartOfDay(
                        settings.preferences(caller.memberId()).zone())
                .toInstant();
        mongo.save(reminder);
        return view(reminder);
    }

    /**
     * Completes or dismisses the member's active reminders matching {@code criteria}, each with its event;
     * a reminder changed concurrently is read again and retried.
     *
     * @return how many were closed
     */
    int closeMatching(String memberId, Criteria criteria, ReminderStatus outcome, ClosedBy closedBy) {
        Query query = new Query(new Criteria()
                .andOperator(
                        Criteria.where("memberId").is(memberId),
                        Criteria.where("status").in(ACTIVE),
                        criteria));
        int closed = 0;
        for (ReminderDocument reminder : mongo.find(query, ReminderDocument.class)) {
            for (int attempt = 1; ; attempt++) {
                try {
                    close(reminder, outcome, closedBy);
                    closed++;
                    break;
                } catch (OptimisticLockingFailureException e) {
                    ReminderDocument fresh = mongo.findById(reminder.getId(), ReminderDocument.class);
                    if (attempt == 3 || fresh == null || !status(fresh).active()) {
                        throw e;
                    }
                    reminder = fresh;
                }
            }
        }
        return closed;
    }

    /**
     * Applies a change of the promise behind the follow-up {@code reminderId}, made at {@code revision}: kept
     * completes the follow-up, open again reopens it (unless the member dismissed it). A change not newer
     * than the one applied already (a late or replayed event) changes nothing.
     *
     * @return false when there is no such follow-up
     */
    boolean promiseChanged(String memberId, String reminderId, boolean kept, int revision) {
        return OptimisticRetry.retry(3, () -> {
            ReminderDocument reminder = mongo.findById(reminderId, ReminderDocument.class);
            if (reminder == null || !memberId.equals(reminder.getMemberId())) {
                return false;
            }
            if (reminder.promiseRevision != null && revision <= reminder.promiseRevision) {
                return true;
            }
            reminder.promiseRevision = revision;
            ReminderStatus status = status(reminder);
            if (kept && status.active()) {
                markClosed(reminder, ReminderStatus.DONE, ClosedBy.PROMISE_KEPT);
            } else if (!kept && status == ReminderStatus.DONE) {
                reminder.status = ReminderStatus.OPEN.id();
                reminder.closedAt = null;
                reminder.closedBy = null;
                reminder.record(h -> new ReminderReopened(
                        h, reminder.getId(), wireKind(reminder), reminder.contactId, ReopenedBy.PROMISE_REOPENED));
            }
            aggregates.save(reminder);
            return true;
        });
    }

    /**
     * Reopens what archiving a contact dismissed and still stands once they are restored: the reach-out of a
     * staleness episode that is not over (episodes up to {@code episodesOver} are) and the follow-ups of
     * promises. Reminders the member closed themselves stay closed.
     *
     * @return how many were reopened
     */
    int reopenArchived(String memberId, String contactId, int episodesOver) {
        List<ReminderDocument> dismissed = mongo.find(
                new Query(Criteria.where("memberId")
                        .is(memberId)
                        .and("contactId")
                        .is(contactId)
                        .and("status")
                        .is(ReminderStatus.DISMISSED.id())
                        .and("closedBy")
                        .is(ClosedBy.CONTACT_ARCHIVED.wire())),
                ReminderDocument.class);
        int reopened = 0;
        for (ReminderDocument reminder : dismissed) {
            boolean stands = reminder.kind() == ReminderKind.FOLLOW_UP
                    || (reminder.kind() == ReminderKind.REACH_OUT
                            && reminder.episode != null
                            && reminder.episode > episodesOver);
            if (!stands) {
                continue;
            }
            reminder.status = ReminderStatus.OPEN.id();
            reminder.closedAt = null;
            reminder.closedBy = null;
            reminder.record(h -> new ReminderReopened(
                    h, reminder.getId(), wireKind(reminder), reminder.contactId, ReopenedBy.CONTACT_RESTORED));
            try {
                aggregates.save(reminder);
                reopened++;
            } catch (OptimisticLockingFailureException changedMeanwhile) {
                // the member (or another event) acted on it in the meantime: their change stands
            }
        }
        return reopened;
    }

    /**
     * The member's open reminders due by {@code today} (snoozes are woken by {@link #wakeDueSnoozes()}) as digest
     * candidates: a stream to close, reading only what prioritisation needs, so that thousands of open reminders cost
     * the digest a few small records each rather than whole documents.
     */
    public Stream<DigestCandidate> openDueBy(String memberId, LocalDate today) {
        Query query = new Query(Criteria.where("memberId")
                .is(memberId)
                .and("dueOn")
                .lte(today)
                .and("status")
                .is("open"));
        query.fields().include("kind", "dueOn", "owedBy", "contactId", "tier");
        return mongo.stream(query, ReminderDocument.class)
                .map(r -> new DigestCandidate(r.getId(), r.kind, r.dueOn, r.owedBy, r.contactId, r.tier));
    }

    /** The member's reminders of these ids (those that are not the member's are left out). */
    public List<ReminderDocument> ofMember(String memberId, Collection<String> ids) {
        return ids.stream()
                .map(id -> mongo.findById(id, ReminderDocument.class))
                .filter(r -> r != null && memberId.equals(r.getMemberId()))
                .toList();
    }

    /** The member's active reminders whose day falls in [{@code from}, {@code to}], for the calendar feed. */
    public List<ReminderDocument> activeBetween(String memberId, LocalDate from, LocalDate to, int limit) {
        Criteria open =
                Criteria.where("status").is("open").and("dueOn").gte(from).lte(to);
        Criteria snoozed = Criteria.where("status")
                .is("snoozed")
                .and("snoozedUntil")
                .gte(from)
                .lte(to);
        return mongo.find(
                new Query(new Criteria()
                                .andOperator(
                                        Criteria.where("memberId").is(memberId),
                                        new Criteria().orOperator(open, snoozed)))
                        .with(Sort.by("dueOn", "_id"))
                        .limit(limit),
                ReminderDocument.class);
    }

    /**
     * The earliest open promises with a contact (at most {@value #MAX_OPEN_PROMISES}), as short texts, for the
     * context of other reminders about them: bounded, however many promises are open.
     */
    List<PromiseNote> openPromises(String memberId, String contactId) {
        return mongo
                .find(
                        new Query(Criteria.where("memberId")
                                        .is(memberId)
                                        .and("contactId")
                                        .is(contactId)
                                        .and("kind")
                                        .is(ReminderKind.FOLLOW_UP.id())
                                        .and("status")
                                        .in(ACTIVE))
                                .with(Sort.by("dueOn"))
                                .limit(MAX_OPEN_PROMISES),
                        ReminderDocument.class)
                .stream()
                .map(r -> new PromiseNote(r.what, r.owedBy, r.dueOn))
                .toList();
    }

    /**
     * Moves an open (or snoozed) reminder to another day with another subject and category (a meeting that moved
     * or was renamed); a closed one, or one already so, is left as it is.
     */
    void moveOpen(String memberId, String id, LocalDate dueOn, String what, String category) {
        for (int attempt = 1; attempt <= 3; attempt++) {
            ReminderDocument reminder = mongo.findById(id, ReminderDocument.class);
            if (reminder == null
                    || !memberId.equals(reminder.getMemberId())
                    || !status(reminder).active()
                    || (java.util.Objects.equals(reminder.dueOn, dueOn)
                            && java.util.Objects.equals(reminder.what, what)
                            && java.util.Objects.equals(reminder.category, category))) {
                return;
            }
            reminder.dueOn = dueOn;
            reminder.what = what;
            reminder.category = category;
            try {
                aggregates.save(reminder);
                return;
            } catch (OptimisticLockingFailureException e) {
                // changed meanwhile: read it again
            }
        }
    }

    private void close(ReminderDocument reminder, ReminderStatus status, ClosedBy closedBy) {
        markClosed(reminder, status, closedBy);
        aggregates.save(reminder);
    }

    private void markClosed(ReminderDocument reminder, ReminderStatus status, ClosedBy closedBy) {
        Instant now = clock.instant();
        reminder.status = status.id();
        reminder.closedAt = now;
        reminder.closedBy = closedBy.wire();
        reminder.snoozedUntil = null;
        reminder.wakeAt = null;
        reminder.record(h -> status == ReminderStatus.DONE
                ? new ReminderCompleted(h, reminder.getId(), wireKind(reminder), reminder.contactId, closedBy)
                : new ReminderDismissed(h, reminder.getId(), wireKind(reminder), reminder.contactId, closedBy));
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

    private static ReminderStatus status(ReminderDocument reminder) {
        return ReminderStatus.of(reminder.status).orElseThrow();
    }

    private static <T> T transition(java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (ReminderStatus.TransitionRefused e) {
            throw ApiException.conflict(e.getMessage());
        }
    }

    /** Where a page ended: the last reminder's due date and id, as an opaque cursor. */
    record Position(LocalDate dueOn, String id) {
        String encode() {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString((dueOn + "|" + id).getBytes(StandardCharsets.UTF_8));
        }

        static Position decode(String cursor) {
            try {
                String[] parts =
                        new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 2);
                return new Position(LocalDate.parse(parts[0]), parts[1]);
            } catch (IllegalArgumentException | DateTimeParseException | ArrayIndexOutOfBoundsException e) {
                throw ApiException.invalidField("cursor", "is not a cursor from a previous page");
            }
        }
    }

    /** A reminder's kind as the events carry it (the same names as {@link ReminderKind}'s). */
    private static dev.rapport.contracts.events.ReminderKind wireKind(ReminderDocument reminder) {
        return dev.rapport.contracts.events.ReminderKind.of(reminder.kind);
    }
}
