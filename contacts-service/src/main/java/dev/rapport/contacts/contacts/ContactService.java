package dev.rapport.contacts.contacts;

import dev.rapport.contacts.ContactsProperties;
import dev.rapport.contacts.domain.Birthdays;
import dev.rapport.contacts.goals.GoalIds;
import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.support.events.Aggregates;
import dev.rapport.support.mongo.OptimisticRetry;
import dev.rapport.support.web.ApiException;
import dev.rapport.support.web.ConditionalRequests;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bson.types.ObjectId;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Editing a member's contacts: add, change (a merge patch under If-Match), archive, restore and milestones. The
 * other roles have their own classes: {@link ContactQueries} (what other packages read), {@link ContactClock} (the
 * keep-in-touch clock), {@link ContactBulkWrites} (imports) and {@link DirectoryFollowing} (the alumni directory).
 */
@Service
public class ContactService {

    /** How often an update that lost a race with another write is retried on fresh state. */
    static final int RETRIES = 10;

    private final ContactRepository contacts;
    private final Aggregates aggregates;
    private final MemberCadences cadences;
    private final GoalIds goals;
    private final ContactPatches patches;
    private final ContactsProperties properties;
    private final Clock clock;

    ContactService(
            ContactRepository contacts,
            Aggregates aggregates,
            MemberCadences cadences,
            GoalIds goals,
            ContactPatches patches,
            ContactsProperties properties,
            Clock clock) {
        this.contacts = contacts;
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
        contact.edit(request, goalIds, cadences.of(caller.memberId()));
        contact.scheduleBirthday(now, properties.birthdays().leadDays());
        contact.recordAdded();
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
        contact.edit(after, goalIds, cadences.of(caller.memberId()));
        Instant now = clock.instant();
        if (!Objects.equals(birthdayBefore, contact.birthday)) {
            contact.scheduleBirthday(now, properties.birthdays().leadDays());
        }
        contact.updatedAt = now;
        contact.recordUpdated(changed);
        return saveOrPreconditionFailed(contact);
    }

    /** Archives a contact: no more staleness or reminders about them; archiving twice changes nothing. */
    public ContactDocument archive(IdentityAssertion caller, String id, String ifMatch) {
        ContactDocument contact = get(caller, id);
        requireCurrent(contact, ifMatch, false);
        if (!contact.archive(clock.instant())) {
            return contact;
        }
        return saveOrPreconditionFailed(contact);
    }

    /** Brings an archived contact back (announced as a ContactUpdated of {@code archived}). */
    public ContactDocument restore(IdentityAssertion caller, String id) {
        ContactDocument contact = get(caller, id);
        if (!contact.restore(clock.instant())) {
            return contact;
        }
        return saveOrPreconditionFailed(contact);
    }

    /** Records a milestone; a birthday also becomes the contact's birthday, announced again every year. */
    public Milestone recordMilestone(IdentityAssertion caller, String id, MilestoneRequest request) {
        Milestone[] recorded = new Milestone[1];
        OptimisticRetry.retry(ContactService.RETRIES, () -> {
            ContactDocument contact = get(caller, id);
            Instant now = clock.instant();
            boolean birthday = MilestoneRequest.BIRTHDAY.equals(request.kind());
            LocalDate date = request.date();
            String milestoneId = new ObjectId().toHexString();
            if (birthday) {
                contact.birthday = request.date();
                // This year's (or next year's) birthday is announced now; the sweep announces the following ones.
                date = Birthdays.nextOccurrence(contact.birthday, LocalDate.ofInstant(now, ZoneOffset.UTC));
                milestoneId = ContactDocument.birthdayMilestoneId(contact.getId(), date);
                contact.nextBirthdayNoticeAt = Birthdays.after(
                                contact.birthday, date, properties.birthdays().leadDays())
                        .announceAt();
            }
            String title = Optional.ofNullable(request.title())
                    .filter(t -> !t.isBlank())
                    .map(String::strip)
                    .orElse(MilestoneRequest.defaultTitle(request.kind()));
            Milestone milestone = contact.addMilestone(
                    milestoneId, request.kind(), title, request.date(), date, request.note(), birthday, now);
            aggregates.save(contact);
            recorded[0] = milestone;
        });
        return recorded[0];
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
}
