package dev.rapport.contacts.contacts;

import dev.rapport.contacts.ContactsProperties;
import dev.rapport.contacts.domain.Birthdays;
import dev.rapport.contacts.domain.Cadences;
import dev.rapport.contacts.domain.JobChanges;
import dev.rapport.contacts.domain.KeepInTouch;
import dev.rapport.contacts.domain.MatchKeys;
import dev.rapport.contacts.domain.SearchText;
import dev.rapport.contacts.domain.Tier;
import dev.rapport.contacts.goals.GoalIds;
import dev.rapport.contracts.events.ContactAdded;
import dev.rapport.contracts.events.ContactArchived;
import dev.rapport.contracts.events.ContactReengaged;
import dev.rapport.contracts.events.ContactTier;
import dev.rapport.contracts.events.ContactUpdated;
import dev.rapport.contracts.events.EventHeader;
import dev.rapport.contracts.events.MilestoneKind;
import dev.rapport.contracts.events.MilestoneRecorded;
import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.support.events.Aggregates;
import dev.rapport.support.mongo.OptimisticRetry;
import dev.rapport.support.web.ApiException;
import dev.rapport.support.web.ConditionalRequests;
import dev.rapport.support.web.CursorPage;
import dev.rapport.support.web.InputCleaning;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.bson.types.ObjectId;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/** Use cases on a member's contacts and their keep-in-touch clocks. */
@Service
public class ContactService {

    /** How often an update that lost a race with another write is retried on fresh state. */
    private static final int RETRIES = 10;
    /** How many contacts one bulk insert or one {@code $in} query carries. */
    private static final int BATCH = 1000;

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ContactService.class);

    private final ContactRepository contacts;
    private final MongoTemplate mongo;
    private final Aggregates aggregates;
    private final MemberCadences cadences;
    private final GoalIds goals;
    private final ContactPatches patches;
    private final ContactsProperties properties;
    private final Clock clock;

    ContactService(
            ContactRepository contacts,
            MongoTemplate mongo,
            Aggregates aggregates,
            MemberCadences cadences,
            GoalIds goals,
            ContactPatches patches,
            ContactsProperties properties,
            Clock clock) {
        this.contacts = contacts;
        this.mongo = mongo;
        this.aggregates = aggregates;
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
        contact.record(h -> added(h, contact));
        return aggregates.insert(contact);
    }

    /** One of the caller's contacts; another member's id answers 404 like a missing one. */
    public ContactDocument get(IdentityAssertion caller, String id) {
        return get(caller.memberId(), id);
    }

    private ContactDocument get(String memberId, String id) {
        return contacts.findOwned(id, memberId).orElseThrow(() -> ApiException.notFound("contact", id));
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
        contact.record(h -> updated(h, contact, changed));
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
        contact.record(h -> new ContactArchived(h, contact.getId(), contact.displayName()));
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
        contact.record(h -> updated(h, contact, List.of("archived")));
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
                    aggregates.save(contact);
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
            Optional<ContactDocument> found = contacts.findOwned(contactId, memberId);
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
                contact.record(h -> new ContactReengaged(
                        h, contact.getId(), contact.displayName(), contact.episode, interactionId, at));
            }
            aggregates.save(contact);
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
            ContactDocument.Milestone milestone = milestone(
                    contact, milestoneId, request.kind(), title, request.date(), date, request.note(), birthday, now);
            aggregates.save(contact);
            recorded[0] = milestone;
        });
        return recorded[0];
    }

    /**
     * Adds a milestone to a contact with its {@code MilestoneRecorded} in the contact's outbox.
     *
     * @param date when it happened, as the member recorded it
     * @param announced the date the event carries (for a birthday, the occurrence announced)
     */
    private ContactDocument.Milestone milestone(
            ContactDocument contact,
            String milestoneId,
            String kind,
            String title,
            LocalDate date,
            LocalDate announced,
            String note,
            boolean recurringYearly,
            Instant now) {
        ContactDocument.Milestone milestone = new ContactDocument.Milestone(milestoneId, kind, title, date, note, now);
        contact.milestones.add(milestone);
        contact.record(h -> new MilestoneRecorded(
                h,
                milestoneId,
                contact.getId(),
                contact.displayName(),
                MilestoneKind.of(kind),
                title,
                announced,
                recurringYearly,
                recurringYearly ? contact.birthday : null));
        return milestone;
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
        Query all = new Query(new Criteria().andOperator(List.copyOf(criteria)));
        if (cursor != null) {
            criteria.add(Criteria.where("_id").gt(new ObjectId(cursor)));
        }
        Query page = new Query(new Criteria().andOperator(criteria))
                .with(Sort.by("_id"))
                .limit(limit + 1);
        List<ContactDocument> found = mongo.find(page, ContactDocument.class);
        // A first page that holds every match is its own count: only longer lists pay for a second query.
        long total = cursor == null && found.size() <= limit ? found.size() : mongo.count(all, ContactDocument.class);
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

    /** The identifying fields of one contact: enough to recognise an imported person without loading whole contacts. */
    public record Identity(
            String id,
            String firstName,
            String lastName,
            String company,
            List<String> emails,
            List<String> profileUrls) {}

    /** The identifying fields of every contact of a member, archived ones too, in one query. */
    public List<Identity> identities(String memberId) {
        Query query = new Query(Criteria.where("memberId").is(memberId));
        query.fields().include("firstName", "lastName", "company", "emails", "profileUrls");
        return mongo.find(query, ContactDocument.class).stream()
                .map(c -> new Identity(c.getId(), c.firstName, c.lastName, c.company, c.emails, c.profileUrls))
                .toList();
    }

    /** Some of a member's contacts as the requests that would create them, by id; other members' ids are left out. */
    public Map<String, ContactRequest> details(String memberId, Collection<String> ids) {
        Map<String, ContactRequest> found = new LinkedHashMap<>();
        for (List<String> chunk : chunks(List.copyOf(ids))) {
            // By _id alone, which every store looks up by its primary index (the embedded one would scan the
            // collection for _id and memberId together); the member is checked on each document read.
            mongo.find(new Query(Criteria.where("_id").in(chunk)), ContactDocument.class).stream()
                    .filter(c -> memberId.equals(c.getMemberId()))
                    .forEach(c -> found.put(c.getId(), patches.requestOf(c)));
        }
        return found;
    }

    /** Every contact of a member (archived ones when asked), oldest first, read as a stream rather than whole. */
    public java.util.stream.Stream<ContactDocument> stream(String memberId, boolean withArchived) {
        Criteria criteria = Criteria.where("memberId").is(memberId);
        if (!withArchived) {
            criteria = criteria.and("archived").is(false);
        }
        return mongo.stream(new Query(criteria).with(Sort.by("_id")), ContactDocument.class);
    }

    /** What {@link #addAndChange} did: the ids of the contacts created (in order) and of those changed. */
    public record BulkResult(List<String> createdIds, List<String> changedIds) {}

    /**
     * Adds and changes many contacts of one member at once (imports), each with its
     * {@code ContactAdded} or {@code ContactUpdated} in its own outbox exactly as {@link #add} and
     * {@link #update} do. New contacts are inserted in batches; a change is a function of the
     * contact's current details, applied again on fresh state when it lost a race with another write,
     * so that nothing the member changed meanwhile is overwritten.
     */
    public BulkResult addAndChange(
            String memberId,
            String tenantId,
            List<ContactRequest> additions,
            Map<String, UnaryOperator<ContactRequest>> changes) {
        Cadences memberCadences = cadences.of(memberId);
        List<String> created = new ArrayList<>();
        for (List<ContactRequest> chunk : chunks(additions)) {
            Instant now = clock.instant();
            List<ContactDocument> batch = new ArrayList<>(chunk.size());
            for (ContactRequest request : chunk) {
                ContactDocument contact = new ContactDocument(new ObjectId().toHexString(), memberId, tenantId, now);
                apply(contact, request, List.of(), memberCadences);
                contact.scheduleBirthday(now, properties.birthdays().leadDays());
                contact.record(h -> added(h, contact));
                batch.add(contact);
            }
            aggregates.insertAll(batch, ContactDocument.class);
            batch.forEach(contact -> created.add(contact.getId()));
        }
        List<String> changed = new ArrayList<>();
        for (Map.Entry<String, UnaryOperator<ContactRequest>> change : changes.entrySet()) {
            retrying(() -> {
                Optional<ContactDocument> found = contacts.findOwned(change.getKey(), memberId);
                if (found.isEmpty()) {
                    return;
                }
                ContactDocument contact = found.get();
                ContactRequest before = patches.requestOf(contact);
                ContactRequest after = change.getValue().apply(before);
                List<String> fields = patches.changedFields(before, after);
                if (fields.isEmpty()) {
                    return;
                }
                Instant now = clock.instant();
                LocalDate birthdayBefore = contact.birthday;
                apply(contact, after, contact.goalIds, memberCadences);
                if (!Objects.equals(birthdayBefore, contact.birthday)) {
                    contact.scheduleBirthday(now, properties.birthdays().leadDays());
                }
                contact.updatedAt = now;
                contact.record(h -> updated(h, contact, fields));
                aggregates.save(contact);
                changed.add(contact.getId());
            });
        }
        return new BulkResult(List.copyOf(created), List.copyOf(changed));
    }

    /** An alumni-directory profile as it is now, as the sync hands it over. */
    public record DirectoryProfile(String profileId, String employer, String title, LocalDate changedOn) {}

    /**
     * Links a contact to its directory profile and follows what changed there since the last sync:
     * a new employer is a new job, a new title at the same employer a promotion; either becomes the
     * contact's company and title ({@code ContactUpdated}) and a milestone ({@code MilestoneRecorded}),
     * in one write. The first link only fills an empty company or title. Seeing the same profile
     * again changes nothing, so a sync that is repeated after a crash records nothing twice.
     *
     * @return the kind of milestone recorded (new-job, promotion), if any
     */
    public Optional<String> followDirectoryProfile(String memberId, String contactId, DirectoryProfile profile) {
        AtomicReference<Optional<String>> recorded = new AtomicReference<>(Optional.empty());
        retrying(() -> {
            recorded.set(Optional.empty());
            Optional<ContactDocument> found = contacts.findOwned(contactId, memberId);
            if (found.isEmpty()) {
                return;
            }
            ContactDocument contact = found.get();
            ContactDocument.DirectoryLink link = contact.directory;
            boolean sameProfile = link != null && link.profileId().equals(profile.profileId());
            if (sameProfile
                    && Objects.equals(link.employer(), profile.employer())
                    && Objects.equals(link.title(), profile.title())) {
                return;
            }
            Instant now = clock.instant();
            List<String> fields = new ArrayList<>();
            Optional<String> kind = sameProfile
                    ? JobChanges.between(link.employer(), link.title(), profile.employer(), profile.title())
                    : Optional.empty();
            if (kind.isPresent()) {
                setIfDifferent(contact, "company", profile.employer(), fields);
                setIfDifferent(contact, "title", profile.title(), fields);
            } else {
                if (contact.company == null && profile.employer() != null) {
                    setIfDifferent(contact, "company", profile.employer(), fields);
                }
                if (contact.title == null && profile.title() != null) {
                    setIfDifferent(contact, "title", profile.title(), fields);
                }
            }
            contact.directory =
                    new ContactDocument.DirectoryLink(profile.profileId(), profile.employer(), profile.title(), now);
            if (!fields.isEmpty()) {
                contact.refreshDerived(cadences.of(memberId));
                contact.updatedAt = now;
                contact.record(h -> updated(h, contact, fields));
            }
            kind.ifPresent(k -> milestone(
                    contact,
                    new ObjectId().toHexString(),
                    k,
                    JobChanges.title(profile.employer(), profile.title()),
                    profile.changedOn(),
                    profile.changedOn(),
                    null,
                    false,
                    now));
            aggregates.save(contact);
            recorded.set(kind);
        });
        return recorded.get();
    }

    /**
     * The ids of a tenant's contacts (of every member) that carry one of {@code keys} ({@link
     * MatchKeys#of}) or are already linked to one of {@code profileIds},
     * with the member each belongs to: one query per page of directory profiles.
     */
    public List<Linkable> linkable(String tenantId, Collection<String> keys, Collection<String> profileIds) {
        Query query = new Query(new Criteria()
                .andOperator(
                        Criteria.where("tenantId").is(tenantId),
                        new Criteria()
                                .orOperator(
                                        Criteria.where("matchKeys").in(keys),
                                        Criteria.where("directory.profileId").in(profileIds))));
        query.fields().include("memberId", "matchKeys", "directory");
        return mongo.find(query, ContactDocument.class).stream()
                .map(c -> new Linkable(
                        c.getId(), c.getMemberId(), c.matchKeys, c.directory == null ? null : c.directory.profileId()))
                .toList();
    }

    /** A contact known by an e-mail: its id, name and e-mail keys. */
    public record ByEmail(String contactId, String displayName, List<String> emails) {}

    /**
     * The member's active contacts with one of these e-mails (lower-cased), by the tenant's stored match keys (the
     * index the directory uses), the member checked on each contact read.
     */
    public List<ByEmail> withEmails(String memberId, String tenantId, Collection<String> emails) {
        if (emails.isEmpty()) {
            return List.of();
        }
        List<String> keys = emails.stream().map(e -> "email:" + e).toList();
        Query query = new Query(
                Criteria.where("tenantId").is(tenantId).and("matchKeys").in(keys));
        query.fields().include("memberId", "firstName", "lastName", "emails", "archived", "matchKeys");
        return mongo.find(query, ContactDocument.class).stream()
                .filter(c -> memberId.equals(c.getMemberId()) && !c.archived)
                .map(c -> new ByEmail(
                        c.getId(),
                        c.displayName(),
                        c.matchKeys.stream()
                                .filter(k -> k.startsWith("email:"))
                                .map(k -> k.substring(6))
                                .toList()))
                .toList();
    }

    /** A contact the directory may link to: its id, member, match keys and current link. */
    public record Linkable(String contactId, String memberId, List<String> matchKeys, String linkedProfileId) {}

    /**
     * Gives the contacts of a tenant stored before match keys existed their keys, so that the
     * directory finds them too; a no-op once done.
     */
    public int backfillMatchKeys(String tenantId) {
        List<ContactDocument> missing = mongo.find(
                new Query(
                        Criteria.where("tenantId").is(tenantId).and("matchKeys").exists(false)),
                ContactDocument.class);
        for (ContactDocument contact : missing) {
            mongo.updateFirst(
                    new Query(Criteria.where("_id").is(contact.getId())),
                    new Update().set("matchKeys", MatchKeys.of(contact.emails, contact.profileUrls)),
                    ContactDocument.class);
        }
        return missing.size();
    }

    private static void setIfDifferent(ContactDocument contact, String field, String value, List<String> fields) {
        String current = field.equals("company") ? contact.company : contact.title;
        if (!Objects.equals(current, value)) {
            if (field.equals("company")) {
                contact.company = value;
            } else {
                contact.title = value;
            }
            fields.add(field);
        }
    }

    private static <T> List<List<T>> chunks(List<T> items) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < items.size(); from += BATCH) {
            chunks.add(items.subList(from, Math.min(items.size(), from + BATCH)));
        }
        return chunks;
    }

    private static ContactAdded added(EventHeader header, ContactDocument contact) {
        return new ContactAdded(
                header,
                contact.getId(),
                contact.displayName(),
                ContactTier.of(contact.tier.id()),
                contact.tags,
                contact.interests,
                contact.source);
    }

    private static ContactUpdated updated(EventHeader header, ContactDocument contact, List<String> changed) {
        return new ContactUpdated(
                header,
                contact.getId(),
                contact.displayName(),
                ContactTier.of(contact.tier.id()),
                contact.tags,
                contact.interests,
                changed,
                contact.birthday);
    }

    private static void requireCurrent(ContactDocument contact, String ifMatch, boolean required) {
        ConditionalRequests.requireMatch(ifMatch, etag(contact), required);
    }

    /** The strong ETag of a contact: its version, which every stored change increments. */
    public static String etag(ContactDocument contact) {
        return ConditionalRequests.etag(contact.getVersion());
    }

    private ContactDocument saveOrPreconditionFailed(ContactDocument contact) {
        try {
            return aggregates.save(contact);
        } catch (OptimisticLockingFailureException e) {
            // Changed between our read and our write: the ETag the client sent is no longer current.
            throw ApiException.preconditionFailed(etag(get(contact.getMemberId(), contact.getId())));
        }
    }

    private static void retrying(Runnable update) {
        OptimisticRetry.retry(RETRIES, update);
    }

    private static void apply(ContactDocument c, ContactRequest r, List<String> goalIds, Cadences cadences) {
        c.firstName = InputCleaning.trim(r.firstName());
        c.lastName = InputCleaning.trim(r.lastName());
        c.emails = InputCleaning.clean(r.emails());
        c.phones = InputCleaning.clean(r.phones());
        c.company = InputCleaning.trim(r.company());
        c.title = InputCleaning.trim(r.title());
        c.location = InputCleaning.trim(r.location());
        c.profileUrls = InputCleaning.clean(r.profileUrls());
        c.howWeMet = InputCleaning.trim(r.howWeMet());
        c.interests = InputCleaning.clean(r.interests());
        c.notes = r.notes();
        c.tags = InputCleaning.clean(r.tags());
        c.birthday = r.birthday();
        c.connectedOn = r.connectedOn();
        c.source = Optional.ofNullable(InputCleaning.trim(r.source())).orElse("manual");
        c.tier = Optional.ofNullable(r.tier()).orElse(Tier.REGULAR);
        c.cadenceDays = r.cadenceDays();
        c.goalIds = new ArrayList<>(goalIds);
        c.refreshDerived(cadences);
    }
}
