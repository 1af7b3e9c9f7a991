package dev.rapport.contacts.contacts;

import dev.rapport.contacts.domain.Cadences;
import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.support.events.Aggregates;
import dev.rapport.support.mongo.OptimisticRetry;
import dev.rapport.support.web.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * The keep-in-touch clock of a member's contacts: moved by an interaction (ending a staleness episode when it
 * brings the contact back within its cadence), and by a change of the member's default cadences.
 */
@Service
public class ContactClock {

    private final ContactRepository contacts;
    private final MongoTemplate mongo;
    private final Aggregates aggregates;
    private final MemberCadences cadences;
    private final Clock clock;

    ContactClock(
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
            OptimisticRetry.retry(ContactService.RETRIES, () -> {
                ContactDocument contact = contacts.findOwned(id, caller.memberId())
                        .orElseThrow(() -> ApiException.notFound("contact", id));
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
        touch(memberId, contactId, at, summary, interactionId, null);
    }

    /**
     * {@link #touch(String, String, Instant, String, String)} starting from {@code read}, the member's contact as the
     * caller has just read it (null: read it here). A contact changed since is saved at its stored version only, so
     * that first attempt fails like any concurrent write and the next one reads the contact again.
     */
    public void touch(
            String memberId,
            String contactId,
            Instant at,
            String summary,
            String interactionId,
            @Nullable ContactDocument read) {
        AtomicReference<ContactDocument> justRead = new AtomicReference<>(read);
        OptimisticRetry.retry(ContactService.RETRIES, () -> {
            ContactDocument contact = justRead.getAndSet(null);
            if (contact == null) {
                Optional<ContactDocument> found = contacts.findOwned(contactId, memberId);
                if (found.isEmpty()) {
                    return;
                }
                contact = found.get();
            }
            if (!contact.touch(at, summary, interactionId, clock.instant())) {
                return;
            }
            aggregates.save(contact);
        });
    }
}
