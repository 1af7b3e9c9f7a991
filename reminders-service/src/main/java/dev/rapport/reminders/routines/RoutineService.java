package dev.rapport.reminders.routines;

import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.reminders.reminders.ContactRoutines;
import dev.rapport.reminders.reminders.ReminderService;
import dev.rapport.reminders.reminders.domain.ReminderKind;
import dev.rapport.reminders.reminders.domain.ReminderSubject;
import dev.rapport.reminders.reminders.domain.ReminderTexts;
import dev.rapport.reminders.routines.domain.RecurrenceRule;
import dev.rapport.reminders.routines.domain.RoutinePreset;
import dev.rapport.reminders.settings.NotificationSettingsService;
import dev.rapport.reminders.settings.domain.MemberPreferences;
import dev.rapport.support.web.ApiException;
import dev.rapport.support.web.CursorPage;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/** Routines: recurring reminders by RRULE, turned into reminders on their days, exactly once each. */
@Service
public class RoutineService implements ContactRoutines {

    static final int MAX_ROUTINES_PER_MEMBER = 100;
    private static final int UPCOMING = 3;

    private final MongoTemplate mongo;
    private final ReminderService reminders;
    private final NotificationSettingsService settings;
    private final Clock clock;

    public RoutineService(
            MongoTemplate mongo, ReminderService reminders, NotificationSettingsService settings, Clock clock) {
        this.mongo = mongo;
        this.reminders = reminders;
        this.settings = settings;
        this.clock = clock;
    }

    /** Creates one of the member's own routines. */
    public RoutineView create(IdentityAssertion caller, RoutineRequest request) {
        MemberPreferences member = settings.preferences(caller.memberId());
        Optional<RoutinePreset> preset = Optional.empty();
        if (request.preset() != null) {
            preset = RoutinePreset.of(request.preset());
            if (preset.isEmpty()) {
                throw ApiException.invalidField("preset", "is not a known preset");
            }
        }
        String title = request.title() != null
                ? request.title().strip()
                : preset.map(p -> p.title(member.locale())).orElse(null);
        String text = request.rrule() != null
                ? request.rrule()
                : preset.map(RoutinePreset::rrule).orElse(null);
        if (title == null || title.isBlank()) {
            throw ApiException.invalidField("title", "is required without a preset");
        }
        RecurrenceRule rule = parse(text);
        LocalDate today = member.today(clock.instant());
        LocalDate start = request.startOn() != null ? request.startOn() : today;
        LocalDate next = rule.firstOnOrAfter(start, today)
                .orElseThrow(() -> ApiException.invalidField("rrule", "has no occurrence from today on"));
        long existing = mongo.count(new Query(Criteria.where("memberId").is(caller.memberId())), RoutineDocument.class);
        if (existing >= MAX_ROUTINES_PER_MEMBER) {
            throw ApiException.conflict("a member may have at most " + MAX_ROUTINES_PER_MEMBER + " routines");
        }
        RoutineDocument routine = new RoutineDocument();
        routine.id = UUID.randomUUID().toString();
        routine.memberId = caller.memberId();
        routine.tenantId = caller.tenantId();
        routine.kind = ReminderKind.ROUTINE.id();
        routine.title = title;
        routine.detail = request.detail();
        routine.preset = preset.map(RoutinePreset::id).orElse(null);
        routine.rrule = rule.text();
        routine.startOn = start;
        routine.nextDueOn = next;
        routine.createdAt = clock.instant();
        mongo.insert(routine);
        return view(routine, member);
    }

    /** A page of the member's routines, oldest first. */
    public CursorPage<RoutineView> list(IdentityAssertion caller, String cursor, int limit) {
        MemberPreferences member = settings.preferences(caller.memberId());
        Criteria mine = Criteria.where("memberId").is(caller.memberId());
        Query page = new Query(
                        cursor == null
                                ? mine
                                : new Criteria()
                                        .andOperator(mine, Criteria.where("_id").gt(cursor)))
                .with(Sort.by("_id"))
                .limit(limit + 1);
        List<RoutineDocument> found = mongo.find(page, RoutineDocument.class);
        // A first page that holds every match is its own count.
        long total = cursor == null && found.size() <= limit
                ? found.size()
                : mongo.count(new Query(mine), RoutineDocument.class);
        String next = null;
        if (found.size() > limit) {
            found = found.subList(0, limit);
            next = found.getLast().id;
        }
        return new CursorPage<>(found.stream().map(r -> view(r, member)).toList(), total, next);
    }

    /** One of the member's routines. */
    public RoutineView get(IdentityAssertion caller, String id) {
        return view(find(caller, id), settings.preferences(caller.memberId()));
    }

    /** Stops a routine; the reminders it already made stay. */
    public void delete(IdentityAssertion caller, String id) {
        mongo.remove(find(caller, id));
    }

    /**
     * The one yearly routine that congratulates a contact on their birthday: created, moved to the new day
     * when the birthday changes (the next occurrence from today on), left as it is when it does not.
     * Someone born on 29 February is congratulated on 29 February in leap years and on 28 February in the
     * others. Its id derives from the contact, so every year's announcement finds the same routine, and its
     * reminders' ids from the routine and the day, so a day never gets two.
     */
    @Override
    public void birthday(String memberId, String tenantId, String contactId, String contactName, LocalDate birthday) {
        MonthDay day = MonthDay.from(birthday);
        // The last day of February: the 29th in leap years, the 28th in the others.
        String rule = day.equals(MonthDay.of(2, 29))
                ? "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1"
                : "FREQ=YEARLY;BYMONTH=" + day.getMonthValue() + ";BYMONTHDAY=" + day.getDayOfMonth();
        RecurrenceRule recurrence = RecurrenceRule.parse(rule);
        String id = birthdayRoutineId(memberId, contactId);
        RoutineDocument routine = mongo.findById(id, RoutineDocument.class);
        if (routine != null && recurrence.text().equals(routine.rrule)) {
            if (contactName != null && !contactName.equals(routine.contactName)) {
                mongo.updateFirst(
                        new Query(Criteria.where("_id").is(id)),
                        new Update().set("contactName", contactName),
                        RoutineDocument.class);
            }
            return;
        }
        LocalDate today = settings.preferences(memberId).today(clock.instant());
        LocalDate thisYear = day.atYear(today.getYear());
        LocalDate next = thisYear.isBefore(today) ? day.atYear(today.getYear() + 1) : thisYear;
        if (routine == null) {
            routine = new RoutineDocument();
            routine.id = id;
            routine.memberId = memberId;
            routine.tenantId = tenantId;
            routine.kind = ReminderKind.CONGRATULATE.id();
            routine.createdAt = clock.instant();
        }
        routine.rrule = recurrence.text();
        routine.startOn = next;
        routine.nextDueOn = next;
        routine.contactId = contactId;
        routine.contactName = contactName != null ? contactName : routine.contactName;
        routine.what = "Birthday";
        routine.category = "birthday";
        mongo.save(routine);
        // Routines of earlier versions: one per year's announcement of the same birthday.
        mongo.remove(
                new Query(Criteria.where("memberId")
                        .is(memberId)
                        .and("contactId")
                        .is(contactId)
                        .and("kind")
                        .is(ReminderKind.CONGRATULATE.id())
                        .and("_id")
                        .ne(id)),
                RoutineDocument.class);
    }

    /** The contact's birthday routine is gone (the birthday was cleared or the contact archived). */
    @Override
    public void noBirthday(String memberId, String contactId) {
        contactArchived(memberId, contactId);
    }

    static String birthdayRoutineId(String memberId, String contactId) {
        return dev.rapport.reminders.reminders.domain.ReminderIds.of(memberId, "birthday", contactId);
    }

    /** An archived contact's yearly milestones are not celebrated any more. */
    @Override
    public void contactArchived(String memberId, String contactId) {
        mongo.remove(
                new Query(
                        Criteria.where("memberId").is(memberId).and("contactId").is(contactId)),
                RoutineDocument.class);
    }

    /**
     * Turns the routines due by their member's today into reminders. Safe with several instances: the
     * reminder's id derives from the routine and the day (a second insert is refused) and the schedule
     * moves on only by a conditional update from the day it was read at. After an outage only the latest
     * missed occurrence becomes a reminder, so the member is not flooded.
     *
     * @return how many reminders were created
     */
    public int materializeDue(int limit) {
        Instant now = clock.instant();
        // Members' todays are at most one day ahead of UTC's; each is checked below in the member's zone.
        LocalDate latest = now.atZone(ZoneOffset.UTC).toLocalDate().plusDays(1);
        List<RoutineDocument> candidates = mongo.find(
                new Query(Criteria.where("nextDueOn").lte(latest))
                        .with(Sort.by("nextDueOn"))
                        .limit(limit),
                RoutineDocument.class);
        int created = 0;
        for (RoutineDocument routine : candidates) {
            MemberPreferences member = settings.preferences(routine.memberId);
            LocalDate today = member.today(now);
            if (routine.nextDueOn.isAfter(today)) {
                continue;
            }
            RecurrenceRule rule = RecurrenceRule.parse(routine.rrule);
            LocalDate occurrence = latestOnOrBefore(rule, routine, today);
            LocalDate next =
                    rule.firstOnOrAfter(routine.startOn, today.plusDays(1)).orElse(null);
            if (reminders.createFromRoutine(
                    routine.memberId,
                    routine.tenantId,
                    routine.id,
                    occurrence,
                    subject(routine),
                    routine.detail,
                    routine.contactId,
                    member)) {
                created++;
            }
            mongo.updateFirst(
                    new Query(Criteria.where("_id")
                            .is(routine.id)
                            .and("nextDueOn")
                            .is(routine.nextDueOn)),
                    next == null ? new Update().unset("nextDueOn") : new Update().set("nextDueOn", next),
                    RoutineDocument.class);
        }
        return created;
    }

    private static LocalDate latestOnOrBefore(RecurrenceRule rule, RoutineDocument routine, LocalDate today) {
        LocalDate latest = routine.nextDueOn;
        for (LocalDate d : rule.upcoming(routine.startOn, routine.nextDueOn, 1000)) {
            if (d.isAfter(today)) {
                break;
            }
            latest = d;
        }
        return latest;
    }

    private static ReminderSubject subject(RoutineDocument r) {
        return ReminderKind.CONGRATULATE.id().equals(r.kind)
                ? new ReminderSubject(ReminderKind.CONGRATULATE, r.contactName, r.what, null, r.category, null, null)
                : ReminderSubject.of(ReminderKind.ROUTINE, null, r.title);
    }

    private RoutineDocument find(IdentityAssertion caller, String id) {
        // By _id alone (a lookup on every store), the owner checked here.
        RoutineDocument found = mongo.findById(id, RoutineDocument.class);
        if (found == null || !caller.memberId().equals(found.memberId)) {
            throw ApiException.notFound("routine", id);
        }
        return found;
    }

    private static RecurrenceRule parse(String text) {
        try {
            return RecurrenceRule.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("rrule", e.getMessage());
        }
    }

    private RoutineView view(RoutineDocument r, MemberPreferences member) {
        List<LocalDate> upcoming = r.nextDueOn == null
                ? List.of()
                : RecurrenceRule.parse(r.rrule).upcoming(r.startOn, r.nextDueOn, UPCOMING);
        return new RoutineView(
                r.id,
                r.kind,
                ReminderTexts.title(member.locale(), subject(r)),
                r.detail,
                r.preset,
                r.rrule,
                r.startOn,
                r.nextDueOn,
                new ArrayList<>(upcoming),
                r.contactId,
                r.contactName,
                r.createdAt);
    }
}
