package dev.rapport.reminders.routines;

import dev.rapport.contracts.events.MilestoneRecorded;
import dev.rapport.contracts.identity.IdentityAssertion;
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
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/** Routines: recurring reminders by RRULE, turned into reminders on their days, exactly once each. */
@Service
public class RoutineService {

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

    /** A yearly milestone (a birthday …) becomes a routine that congratulates on the day every year. */
    public void yearly(MilestoneRecorded e) {
        MemberPreferences member = settings.preferences(e.memberId());
        MonthDay day = MonthDay.from(e.date());
        // 29 February is celebrated on the last day of February in other years.
        String rule = day.equals(MonthDay.of(2, 29))
                ? "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1"
                : "FREQ=YEARLY;BYMONTH=" + day.getMonthValue() + ";BYMONTHDAY=" + day.getDayOfMonth();
        RecurrenceRule recurrence = RecurrenceRule.parse(rule);
        RoutineDocument routine = new RoutineDocument();
        routine.id = dev.rapport.reminders.reminders.domain.ReminderIds.of(e.memberId(), "yearly", e.milestoneId());
        routine.memberId = e.memberId();
        routine.tenantId = e.tenantId();
        routine.kind = ReminderKind.CONGRATULATE.id();
        routine.rrule = recurrence.text();
        routine.startOn = e.date();
        routine.nextDueOn = recurrence
                .firstOnOrAfter(e.date(), member.today(clock.instant()))
                .orElse(null);
        routine.contactId = e.contactId();
        routine.contactName = e.displayName();
        routine.what = e.title();
        routine.category = e.kind();
        routine.createdAt = clock.instant();
        try {
            mongo.insert(routine);
        } catch (DuplicateKeyException alreadyKnown) {
            // the same milestone delivered again
        }
    }

    /** An archived contact's yearly milestones are not celebrated any more. */
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
