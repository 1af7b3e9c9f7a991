package dev.rapport.contacts.interactions;

import dev.rapport.contacts.contacts.ContactDocument;
import dev.rapport.contacts.contacts.ContactRepository;
import dev.rapport.contacts.contacts.RemovedInteraction;
import dev.rapport.support.events.Aggregates;
import dev.rapport.support.mongo.OptimisticRetry;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Puts a contact's keep-in-touch clock back when interactions with them are removed: the clock goes to the newest
 * remaining interaction, found with one query (the {@code member_contact_occurred} index, newest first, limit 1),
 * never by reading all of them, and the contact's write carries one {@code InteractionRemoved} per removed
 * interaction through the one write path.
 */
@Component
class ClockRewind {

    /** How often a write that lost a race with another write of the contact is retried on fresh state. */
    private static final int RETRIES = 10;

    private final ContactRepository contacts;
    private final MongoTemplate mongo;
    private final Aggregates aggregates;

    ClockRewind(ContactRepository contacts, MongoTemplate mongo, Aggregates aggregates) {
        this.contacts = contacts;
        this.mongo = mongo;
        this.aggregates = aggregates;
    }

    /**
     * Interactions with one contact are about to be removed (they are still stored: the newest remaining one is
     * looked for without them). A contact that no longer exists is skipped.
     */
    void removing(String memberId, String contactId, List<RemovedInteraction> removed) {
        OptimisticRetry.retry(RETRIES, () -> {
            Optional<ContactDocument> found = contacts.findOwned(contactId, memberId);
            if (found.isEmpty()) {
                return;
            }
            ContactDocument contact = found.get();
            InteractionDocument newest =
                    contact.clockSetByAnyOf(removed) ? newestRemaining(memberId, contactId, removed) : null;
            contact.interactionsRemoved(
                    removed, newest == null ? null : newest.occurredAt, newest == null ? null : newest.summary);
            aggregates.save(contact);
        });
    }

    private InteractionDocument newestRemaining(String memberId, String contactId, List<RemovedInteraction> removed) {
        Query query = new Query(Criteria.where("memberId")
                        .is(memberId)
                        .and("contactIds")
                        .is(contactId)
                        .and("_id")
                        .nin(removed.stream()
                                .map(RemovedInteraction::interactionId)
                                .toList()))
                .with(Sort.by(Sort.Direction.DESC, "occurredAt"))
                .limit(1);
        query.fields().include("occurredAt", "summary");
        return mongo.findOne(query, InteractionDocument.class);
    }
}
