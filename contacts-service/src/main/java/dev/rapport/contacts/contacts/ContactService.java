package dev.rapport.contacts.contacts;

import dev.rapport.contacts.ContactsProperties;
import dev.rapport.contacts.domain.Birthdays;
import dev.rapport.contacts.domain.Cadences;
import dev.rapport.contacts.domain.KeepInTouch;
import dev.rapport.contacts.domain.SearchText;
import dev.rapport.contacts.domain.Tier;
import dev.rapport.contacts.goals.GoalIds;
import dev.rapport.contracts.events.ContactAdded;
import dev.rapport.contracts.events.ContactArchived;
import dev.rapport.contracts.events.ContactReengaged;
import dev.rapport.contracts.events.ContactUpdated;
import dev.rapport.contracts.events.MilestoneRecorded;
import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.support.events.OutboxEvents;
import dev.rapport.support.events.OutboxRelay;
import dev.rapport.support.web.ApiException;
import dev.rapport.support.web.CursorPage;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.bson.types.ObjectId;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/** Use cases on a member's contacts and their keep-in-touch clocks. */
@Service
public class ContactService {

    /** How often an update that lost a race with another write is retried on fresh state. */
    private static final int RETRIES = 10;

    private final ContactRepository contacts;
    private final MongoTemplate mongo;
    private final OutboxEvents events;
    private final OutboxRelay relay;
    private final MemberCadences cadences;
    private final GoalIds goals;
    private final ContactPatches patches;
    private final ContactsProperties properties;
    private final Clock clock;

    ContactService(
            ContactRepository contacts,
            MongoTemplate mongo,
            OutboxEvents events,
            OutboxRelay relay,
            MemberCadences cadences,
            GoalIds goals,
            ContactPatches patches,
            ContactsProperties properties,
            Clock clock) {
        this.contacts = contacts;
        this.mongo = mongo;
        this.events = events;
        this.relay = relay;
        this.cadences = cadences;
        this.goals = goals;
        this.patches = patches;
        this.properties = properties;
        this.clock = clock;
    }

    /** Adds a contact to the caller's network and announces it. */
    public ContactDocument add(IdentityAssertion caller, ContactRequest request) {
        List<String> goalIds = goals.requireOwned(caller.memberId(), request.goalIds(), "goalIds");
        Instant now = clock.instant();
        ContactDocument contact =
                new ContactDocument(new ObjectId().toHexString(), caller.memberId(), caller.tenantId(), now);
        apply(contact, request, goalIds, cadences.of(caller.memberId()));
        contact.scheduleBirthday(now, properties.birthdays().leadDays());
        contact.record(events.entry(new ContactAdded(
                UUID.randomUUID().toString(),
                now,
                caller.memberId(),
                caller.tenantId(),
                contact.getId(),
                contact.displayName(),
                contact.tier.id(),
                contact.tags,
                contact.interests,
                contact.source)));
        ContactDocument saved = contacts.save(contact);
        relay.relaySoon(saved);
        return saved;
    }

    /** One of the caller's contacts; another member's id answers 404 like a missing one. */
    public ContactDocument get(IdentityAssertion caller, String id) {
        return get(caller.memberId(), id);
    }

    private ContactDocument get(String memberId, String id) {
        return contacts.findByIdAndMemberId(id, memberId).orElseThrow(() -> ApiException.notFound("contact", id));
    }

    /**
     * Applies a JSON merge patch to a contact read at version {@code ifMatch}: 428 without it, 412
     * when the contact changed since (a lost update is prevented), 400 with the failing fields when
     * the result is invalid, and nothing is changed then.
     */
    public ContactDocument update(IdentityAssertion caller, String id, String ifMatch, JsonNode patch) {
        ContactDocument contact = get(caller, id);
        requireCurrent(contact, ifMatch, true);
        ContactRequest before = patches.requestOf(contact);
        ContactRequest after = patches.merge(before, patch);
        List<String> goalIds = goals.requireOwned(caller.memberId(), after.goalIds(), "goalIds");
        List<String> changed = patches.changedFields(before, after);
        if (changed.isEmpty()) {
            return contact;
        }
        LocalDate birthdayBefore = contact.birthday;
        apply(contact, after, goalIds, cadences.of(caller.memberId()));
        Instant now = clock.instant();
        if (!Objects.equals(birthdayBefore, contact.birthday)) {
            contact.scheduleBirthday(now, properties.birthdays().leadDays());
        }
        contact.updatedAt = now;
        contact.record(events.entry(updated(contact, changed, now)));
        return saveOrPreconditionFailed(contact);
    }

    /** Archives a contact: no more staleness or reminders about them; archiving twice changes nothing. */
    public ContactDocument archive(IdentityAssertion caller, String id, String ifMatch) {
        ContactDocument contact = get(caller, id);
        requireCurrent(contact, ifMatch, false);
        if (contact.archived) {
            return contact;
        }
        Instant now = clock.instant();
        contact.archived = true;
        contact.updatedAt = now;
        contact.record(events.entry(new ContactArchived(
                UUID.randomUUID().toString(),
                now,
                contact.getMemberId(),
                contact.getTenantId(),
                contact.getId(),
                contact.displayName())));
        return saveOrPreconditionFailed(contact);
    }

    /** Brings an archived contact back (announced as a ContactUpdated of {@code archived}). */
    public ContactDocument restore(IdentityAssertion caller, String id) {
        ContactDocument contact = get(caller, id);
        if (!contact.archived) {
            return contact;
        }
        Instant now = clock.instant();
        contact.archived = false;
        contact.updatedAt = now;
        contact.record(events.entry(updated(contact, List.of("archived"), now)));
        return saveOrPreconditionFailed(contact);
    }

    /** The caller's default cadences per tier. */
    public Cadences cadences(IdentityAssertion caller) {
        return cadences.of(caller.memberId());
    }

    /**
     * Changes the caller's default cadences and moves the clock of every contact that follows its
     * tier's default. Safe to repeat: a retried PUT finishes whatever a failed one left.
     */
    public Cadences changeCadences(IdentityAssertion caller, Cadences chosen) {
        cadences.set(caller.memberId(), chosen);
        List<String> ids = mongo
                .find(
                        new Query(Criteria.where("memberId")
                                        .is(caller.memberId())
                                        .and("cadenceDays")
                                        .is(null))
                                .with(Sort.by("_id")),
                        ContactDocument.class)
                .stream()
                .map(ContactDocument::getId)
                .toList();
        for (String id : ids) {
            retrying(() -> {
                ContactDocument contact = get(caller.memberId(), id);
                int before = contact.cadenceInForce;
                contact.refreshDerived(chosen);
                if (before != contact.cadenceInForce) {
                    contacts.save(contact);
                }
            });
        }
        return chosen;
    }

    /**
     * Resets a contact's keep-in-touch clock after an interaction. Idempotent: an interaction older
     * than the latest, or one already applied, changes nothing; the first one that brings a stale
     * contact back within its cadence ends the staleness episode with {@code ContactReengaged}.
     * Retries on concurrent writes; a contact that no longer exists is skipped.
     */
    public void touch(String memberId, String contactId, Instant at, String summary, String interactionId) {
        retrying(() -> {
            Optional<ContactDocument> found = contacts.findByIdAndMemberId(contactId, memberId);
            if (found.isEmpty()) {
                return;
            }
            ContactDocument contact = found.get();
            Instant now = clock.instant();
            KeepInTouch.Touch touch = KeepInTouch.touch(
                    contact.lastInteractionAt,
                    contact.createdAt,
                    contact.effectiveCadenceDays(),
                    contact.stale,
                    at,
                    now);
            if (!touch.moved()) {
                return;
            }
            contact.lastInteractionAt = touch.lastInteractionAt();
            contact.lastInteractionSummary = summary;
            contact.nextTouchDueAt = touch.nextTouchDueAt();
            if (touch.reengaged()) {
                contact.stale = false;
                contact.staleSince = null;
                contact.record(events.entry(new ContactReengaged(
                        UUID.randomUUID().toString(),
                        now,
                        contact.getMemberId(),
                        contact.getTenantId(),
                        contact.getId(),
                        contact.displayName(),
                        contact.episode,
                        interactionId,
                        at)));
            }
            ContactDocument saved = contacts.save(contact);
            if (touch.reengaged()) {
                relay.relaySoon(saved);
            }
        });
    }

    /** Records a milestone; a birthday also becomes the contact's birthday, announced again every year. */
    public ContactDocument.Milestone recordMilestone(IdentityAssertion caller, String id, MilestoneRequest request) {
        ContactDocument.Milestone[] recorded = new ContactDocument.Milestone[1];
        retrying(() -> {
            ContactDocument contact = get(caller, id);
            Instant now = clock.instant();
            boolean birthday = MilestoneRequest.BIRTHDAY.equals(request.kind());
            LocalDate date = request.date();
            String milestoneId = new ObjectId().toHexString();
            if (birthday) {
                contact.birthday = request.date();
                // This year's (or next year's) birthday is announced now; the sweep announces the following ones.
                date = Birthdays.nextOccurrence(contact.birthday, LocalDate.ofInstant(now, ZoneOffset.UTC));
                milestoneId = birthdayMilestoneId(contact.getId(), date);
                contact.nextBirthdayNoticeAt = Birthdays.after(
                                contact.birthday, date, properties.birthdays().leadDays())
                        .announceAt();
            }
            String title = Optional.ofNullable(request.title())
                    .filter(t -> !t.isBlank())
                    .map(String::strip)
                    .orElse(MilestoneRequest.defaultTitle(request.kind()));
            ContactDocument.Milestone milestone = new ContactDocument.Milestone(
                    milestoneId, request.kind(), title, request.date(), request.note(), now);
            contact.milestones.add(milestone);
            contact.record(events.entry(new MilestoneRecorded(
                    UUID.randomUUID().toString(),
                    now,
                    contact.getMemberId(),
                    contact.getTenantId(),
                    milestoneId,
                    contact.getId(),
                    contact.displayName(),
                    request.kind(),
                    title,
                    date,
                    birthday)));
            relay.relaySoon(contacts.save(contact));
            recorded[0] = milestone;
        });
        return recorded[0];
    }

    /** The id of the milestone of one year's birthday: the same whoever announces it, so consumers can de-duplicate. */
    static String birthdayMilestoneId(String contactId, LocalDate occurrence) {
        return contactId + "-birthday-" + occurrence.getYear();
    }

    /** Filters for listing contacts. */
    public record ListFilter(String q, String tag, Tier tier, String status, String goalId, boolean archived) {}

    /** A page of the caller's contacts, oldest first, after {@code cursor}. */
    public CursorPage<ContactDocument> list(IdentityAssertion caller, ListFilter filter, String cursor, int limit) {
        List<Criteria> criteria = new ArrayList<>();
        criteria.add(Criteria.where("memberId").is(caller.memberId()));
        criteria.add(Criteria.where("archived").is(filter.archived()));
        if (filter.q() != null && !filter.q().isBlank()) {
            for (String token : SearchText.fold(filter.q()).split(" ")) {
                criteria.add(Criteria.where("searchText").regex(Pattern.quote(token)));
            }
        }
        if (filter.tag() != null) {
            criteria.add(Criteria.where("tags").is(filter.tag().strip()));
        }
        if (filter.tier() != null) {
            criteria.add(Criteria.where("tier").is(filter.tier()));
        }
        if (filter.goalId() != null) {
            criteria.add(Criteria.where("goalIds").is(filter.goalId()));
        }
        if (filter.status() != null) {
            Instant now = clock.instant();
            Instant soon = now.plus(KeepInTouch.DUE_SOON);
            criteria.add(
                    switch (filter.status()) {
                        case "stale" -> Criteria.where("nextTouchDueAt").lt(now);
                        case "due-soon" ->
                            Criteria.where("nextTouchDueAt").gte(now).lt(soon);
                        case "ok" -> Criteria.where("nextTouchDueAt").gte(soon);
                        default -> throw ApiException.invalidField("status", "must be stale, due-soon or ok");
                    });
        }
        if (cursor != null && !ObjectId.isValid(cursor)) {
            throw ApiException.invalidField("cursor", "is not a cursor this API returned");
        }
        Query all = new Query(new Criteria().andOperator(criteria));
        long total = mongo.count(all, ContactDocument.class);
        if (cursor != null) {
            criteria.add(Criteria.where("_id").gt(new ObjectId(cursor)));
        }
        Query page = new Query(new Criteria().andOperator(criteria))
                .with(Sort.by("_id"))
                .limit(limit + 1);
        List<ContactDocument> found = mongo.find(page, ContactDocument.class);
        String next = null;
        if (found.size() > limit) {
            found = found.subList(0, limit);
            next = found.getLast().getId();
        }
        return new CursorPage<>(found, total, next);
    }

    /** The caller's contacts that are not archived (for network-wide views). */
    public List<ContactDocument> active(String memberId) {
        return mongo.find(
                new Query(Criteria.where("memberId")
                                .is(memberId)
                                .and("archived")
                                .is(false))
                        .with(Sort.by("_id")),
                ContactDocument.class);
    }

    private ContactUpdated updated(ContactDocument contact, List<String> changed, Instant now) {
        return new ContactUpdated(
                UUID.randomUUID().toString(),
                now,
                contact.getMemberId(),
                contact.getTenantId(),
                contact.getId(),
                contact.displayName(),
                contact.tier.id(),
                contact.tags,
                contact.interests,
                changed);
    }

    private static void requireCurrent(ContactDocument contact, String ifMatch, boolean required) {
        if (ifMatch == null || ifMatch.isBlank()) {
            if (required) {
                throw new ApiException(
                        HttpStatus.PRECONDITION_REQUIRED,
                        "Precondition required",
                        "send If-Match with the ETag you read, so that another change is not overwritten",
                        java.util.Map.of("currentEtag", etag(contact)));
            }
            return;
        }
        String current = etag(contact);
        boolean matches = false;
        for (String candidate : ifMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            matches |= tag.equals("*") || tag.equals(current);
        }
        if (!matches) {
            throw ApiException.preconditionFailed(current);
        }
    }

    /** The strong ETag of a contact: its version, which every stored change increments. */
    public static String etag(ContactDocument contact) {
        return "\"" + contact.getVersion() + "\"";
    }

    private ContactDocument saveOrPreconditionFailed(ContactDocument contact) {
        try {
            ContactDocument saved = contacts.save(contact);
            relay.relaySoon(saved);
            return saved;
        } catch (OptimisticLockingFailureException e) {
            // Changed between our read and our write: the ETag the client sent is no longer current.
            throw ApiException.preconditionFailed(etag(get(contact.getMemberId(), contact.getId())));
        }
    }

    private static void retrying(Runnable update) {
        for (int attempt = 1; ; attempt++) {
            try {
                update.run();
                return;
            } catch (OptimisticLockingFailureException e) {
                if (attempt == RETRIES) {
                    throw e;
                }
            }
        }
    }

    private static void apply(ContactDocument c, ContactRequest r, List<String> goalIds, Cadences cadences) {
        c.firstName = trim(r.firstName());
        c.lastName = trim(r.lastName());
        c.emails = clean(r.emails());
        c.phones = clean(r.phones());
        c.company = trim(r.company());
        c.title = trim(r.title());
        c.location = trim(r.location());
        c.profileUrls = clean(r.profileUrls());
        c.howWeMet = trim(r.howWeMet());
        c.interests = clean(r.interests());
        c.notes = r.notes();
        c.tags = clean(r.tags());
        c.birthday = r.birthday();
        c.source = Optional.ofNullable(trim(r.source())).orElse("manual");
        c.tier = Optional.ofNullable(r.tier()).orElse(Tier.REGULAR);
        c.cadenceDays = r.cadenceDays();
        c.goalIds = new ArrayList<>(goalIds);
        c.refreshDerived(cadences);
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static List<String> clean(List<String> values) {
        return values == null
                ? new ArrayList<>()
                : new ArrayList<>(values.stream()
                        .filter(v -> v != null && !v.isBlank())
                        .map(String::strip)
                        .distinct()
                        .toList());
    }
}
