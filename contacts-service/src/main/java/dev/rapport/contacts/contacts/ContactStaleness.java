package dev.rapport.contacts.contacts;

import dev.rapport.contacts.ContactsProperties;
import dev.rapport.support.events.Aggregates;
import java.time.Instant;
import java.util.List;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
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
            if (announceBirthday(contact, now)) {
                announced++;
            }
        }
        return announced;
    }

    /** Announces a contact's birthday ({@link ContactDocument#announceBirthday}) through the one write path. */
    private boolean announceBirthday(ContactDocument contact, Instant now) {
        String title = MilestoneRequest.defaultTitle(MilestoneRequest.BIRTHDAY);
        if (!contact.announceBirthday(now, properties.birthdays().leadDays(), title)) {
            return false;
        }
        try {
            aggregates.save(contact);
            return true;
        } catch (OptimisticLockingFailureException changedMeanwhile) {
            return false; // announced by another instance, or changed since it was read: the next sweep sees it
        }
    }
}
