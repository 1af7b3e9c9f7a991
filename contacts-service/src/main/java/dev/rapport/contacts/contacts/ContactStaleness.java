package dev.rapport.contacts.contacts;

import dev.rapport.contacts.ContactsProperties;
import dev.rapport.contacts.domain.Birthdays;
import dev.rapport.contracts.events.MilestoneKind;
import dev.rapport.contracts.events.MilestoneRecorded;
import dev.rapport.support.events.Aggregates;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Starts staleness episodes and announces birthdays, safely with any number of instances running
 * the same sweep: each change is written only if the contact is still as read, by exactly its {@code _id} and
 * {@code version} (which every store serves from an index) with its event in the same write, so only the instance
 * whose write matched publishes. An episode is the contact's own change, saved with the versioned save.
 */
@Component
public class ContactStaleness {

    private final MongoTemplate mongo;
    private final Aggregates aggregates;
    private final ContactsProperties properties;

    ContactStaleness(MongoTemplate mongo, Aggregates aggregates, ContactsProperties properties) {
        this.mongo = mongo;
        this.aggregates = aggregates;
        this.properties = properties;
    }

    /** Marks every contact whose cadence lapsed before {@code now} as stale; answers how many this call marked. */
    public int markLapsed(Instant now) {
        List<ContactDocument> lapsed = mongo.find(
                new Query(KeepInTouchCriteria.lapsed(now))
                        .with(Sort.by("nextTouchDueAt"))
                        .limit(properties.staleness().batch()),
                ContactDocument.class);
        int marked = 0;
        for (ContactDocument contact : lapsed) {
            if (markStale(contact, now)) {
                marked++;
            }
        }
        return marked;
    }

    /**
     * Starts the next staleness episode of a contact as read ({@link ContactDocument#startStaleness}) and saves it
     * through the one write path, guarded by the version it was read at: of two instances racing for the same
     * contact exactly one save matches, the other stores nothing, so the episode and its event are stored once.
     */
    boolean markStale(ContactDocument contact, Instant now) {
        if (!contact.startStaleness(now)) {
            return false;
        }
        try {
            aggregates.save(contact);
            return true;
        } catch (OptimisticLockingFailureException changedMeanwhile) {
            return false; // another instance started it, or the contact changed since it was read: that stands
        }
    }

    /** Announces every birthday whose announcement is due at {@code now}; answers how many this call announced. */
    public int announceBirthdays(Instant now) {
        List<ContactDocument> due = mongo.find(
                new Query(Criteria.where("archived")
                                .ne(true)
                                .and("nextBirthdayNoticeAt")
                                .lte(now))
                        .limit(properties.staleness().batch()),
                ContactDocument.class);
        int announced = 0;
        for (ContactDocument contact : due) {
            if (contact.birthday != null && announceBirthday(contact, now)) {
                announced++;
            }
        }
        return announced;
    }

    private boolean announceBirthday(ContactDocument contact, Instant now) {
        int lead = properties.birthdays().leadDays();
        LocalDate occurrence = Birthdays.nextOccurrence(
                contact.birthday, LocalDate.ofInstant(contact.nextBirthdayNoticeAt, ZoneOffset.UTC));
        contact.record(h -> new MilestoneRecorded(
                h.at(now),
                ContactDocument.birthdayMilestoneId(contact.getId(), occurrence),
                contact.getId(),
                contact.displayName(),
                MilestoneKind.BIRTHDAY,
                MilestoneRequest.defaultTitle(MilestoneRequest.BIRTHDAY),
                occurrence,
                true,
                contact.birthday));
        Query unchanged = unchanged(contact);
        Update next = new Update()
                .set(
                        "nextBirthdayNoticeAt",
                        Birthdays.after(contact.birthday, occurrence, lead).announceAt())
                .inc("version", 1);
        return aggregates.update(contact, unchanged, next) != null;
    }

    /** The contact exactly as read: its id and version, nothing else. */
    private static Query unchanged(ContactDocument contact) {
        return new Query(Criteria.where("id").is(contact.getId()).and("version").is(contact.getVersion()));
    }
}
