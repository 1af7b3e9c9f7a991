package dev.rapport.contacts.contacts;

import dev.rapport.contacts.domain.JobChanges;
import dev.rapport.contacts.domain.MatchKeys;
import dev.rapport.support.events.Aggregates;
import dev.rapport.support.mongo.OptimisticRetry;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.bson.types.ObjectId;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Follows the alumni directory: links a contact to its directory profile and records a new job or a promotion
 * seen there; gives contacts stored before match keys existed their keys.
 */
@Service
public class DirectoryFollowing {

    private final ContactRepository contacts;
    private final MongoTemplate mongo;
    private final Aggregates aggregates;
    private final MemberCadences cadences;
    private final Clock clock;

    DirectoryFollowing(
            ContactRepository contacts,
            MongoTemplate mongo,
            Aggregates aggregates,
            MemberCadences cadences,
            Clock clock) {
        this.contacts = contacts;
        this.mongo = mongo;
        this.aggregates = aggregates;
        this.cadences = cadences;
        this.clock = clock;
    }

    /** An alumni-directory profile as it is now, as the sync hands it over. */
    public record FollowedProfile(String profileId, String employer, String title, LocalDate changedOn) {}

    /**
     * Links a contact to its directory profile and follows what changed there since the last sync:
     * a new employer is a new job, a new title at the same employer a promotion; either becomes the
     * contact's company and title ({@code ContactUpdated}) and a milestone ({@code MilestoneRecorded}),
     * in one write. The first link only fills an empty company or title. Seeing the same profile
     * again changes nothing, so a sync that is repeated after a crash records nothing twice.
     *
     * @return the kind of milestone recorded (new-job, promotion), if any
     */
    public Optional<String> followDirectoryProfile(String memberId, String contactId, FollowedProfile profile) {
        AtomicReference<Optional<String>> recorded = new AtomicReference<>(Optional.empty());
        OptimisticRetry.retry(ContactService.RETRIES, () -> {
            recorded.set(Optional.empty());
            Optional<ContactDocument> found = contacts.findOwned(contactId, memberId);
            if (found.isEmpty()) {
                return;
            }
            ContactDocument contact = found.get();
            DirectoryLink link = contact.directory;
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
            contact.directory = new DirectoryLink(profile.profileId(), profile.employer(), profile.title(), now);
            if (!fields.isEmpty()) {
                contact.refreshDerived(cadences.of(memberId));
                contact.updatedAt = now;
                contact.recordUpdated(fields);
            }
            kind.ifPresent(k -> contact.addMilestone(
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
}
