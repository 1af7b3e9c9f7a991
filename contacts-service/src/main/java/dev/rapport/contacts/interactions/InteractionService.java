package dev.rapport.contacts.interactions;

import dev.rapport.contacts.contacts.ContactClock;
import dev.rapport.contacts.contacts.ContactDocument;
import dev.rapport.contacts.contacts.ContactService;
import dev.rapport.contracts.events.InteractionDirection;
import dev.rapport.contracts.events.InteractionKind;
import dev.rapport.contracts.events.InteractionLogged;
import dev.rapport.contracts.events.OwedBy;
import dev.rapport.contracts.events.PromiseKept;
import dev.rapport.contracts.events.PromiseReopened;
import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.support.events.Aggregates;
import dev.rapport.support.mongo.OptimisticRetry;
import dev.rapport.support.privacy.MemberRows;
import dev.rapport.support.web.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Logging interactions: each one resets the keep-in-touch clock of every contact involved.
 *
 * <p>The interaction (with its {@code InteractionLogged}) is one write and each contact's clock
 * another, so the interaction stores the contacts still to update ({@code pendingContactIds}) and
 * drops each one once its clock moved. Moving a clock is idempotent (it only ever moves forward), so
 * {@link #applyPendingClocks} can safely finish what a crash left, even while the request is still
 * running.
 */
@Service
public class InteractionService {

    private static final Logger log = LoggerFactory.getLogger(InteractionService.class);

    private final ContactService contacts;
    private final ContactClock clocks;
    private final MongoTemplate mongo;
    private final Aggregates aggregates;
    private final Clock clock;

    public InteractionService(
            ContactService contacts, ContactClock clocks, MongoTemplate mongo, Aggregates aggregates, Clock clock) {
        this.contacts = contacts;
        this.clocks = clocks;
        this.mongo = mongo;
        this.aggregates = aggregates;
        this.clock = clock;
    }

    /** Logs an interaction with the caller's contacts; an unknown or foreign contact id answers 404 and logs nothing. */
    public InteractionDocument log(IdentityAssertion caller, InteractionRequest request) {
        List<ContactDocument> involved = new LinkedHashSet<>(
                        request.contactIds().stream().map(String::strip).toList())
                .stream().map(id -> contacts.get(caller, id)).toList();
        Instant now = clock.instant();
        if (request.occurredAt().isAfter(now)) {
            throw ApiException.invalidField("occurredAt", "must be a date in the past or in the present");
        }
        InteractionDocument interaction =
                new InteractionDocument(new ObjectId().toHexString(), caller.memberId(), caller.tenantId());
        interaction.contactIds = involved.stream().map(ContactDocument::getId).toList();
        interaction.pendingContactIds = new ArrayList<>(interaction.contactIds);
        interaction.type = request.type();
        interaction.direction = Optional.ofNullable(request.direction()).orElse("outbound");
        interaction.occurredAt = request.occurredAt();
        interaction.summary = request.summary();
        interaction.loggedAt = now;
        interaction.promises = Optional.ofNullable(request.promises()).orElse(List.of()).stream()
                .map(p -> new InteractionDocument.Promise(
                        UUID.randomUUID().toString(), p.owedBy(), p.what().strip(), p.dueOn(), false, 0))
                .toList();
        interaction.record(h -> new InteractionLogged(
                h,
                interaction.getId(),
                involved.stream()
                        .map(c -> new InteractionLogged.Participant(c.getId(), c.displayName()))
                        .toList(),
                InteractionKind.of(interaction.type),
                InteractionDirection.of(interaction.direction),
                interaction.occurredAt,
                interaction.summary,
                interaction.promises.stream()
                        .map(p -> new InteractionLogged.Promise(
                                p.id(), OwedBy.of(p.owedBy()), p.what(), p.dueOn(), p.done()))
                        .toList()));
        InteractionDocument saved = aggregates.insert(interaction);
        Map<String, ContactDocument> read = new HashMap<>();
        involved.forEach(contact -> read.put(contact.getId(), contact));
        moveClocks(saved, read);
        return saved;
    }

    /** Moves the clocks an interaction has not moved yet; answers how many interactions it finished. */
    public int applyPendingClocks() {
        List<InteractionDocument> pending = mongo.find(
                new Query(Criteria.where("pendingContactIds.0").exists(true))
                        .with(Sort.by("loggedAt"))
                        .limit(500),
                InteractionDocument.class);
        int finished = 0;
        for (InteractionDocument interaction : pending) {
            try {
                moveClocks(interaction, Map.of());
                finished++;
            } catch (RuntimeException e) {
                log.warn("Keep-in-touch clocks of interaction {} not moved yet: {}", interaction.getId(), e.toString());
            }
        }
        return finished;
    }

    /** Moves the clock of each contact still pending, starting from {@code read}'s copy of it when there is one. */
    private void moveClocks(InteractionDocument interaction, Map<String, ContactDocument> read) {
        for (String contactId : List.copyOf(interaction.pendingContactIds)) {
            clocks.touch(
                    interaction.getMemberId(),
                    contactId,
                    interaction.occurredAt,
                    interaction.summary,
                    interaction.getId(),
                    read.get(contactId));
            mongo.updateFirst(
                    new Query(Criteria.where("id").is(interaction.getId())),
                    new Update().pull("pendingContactIds", contactId),
                    InteractionDocument.class);
        }
    }

    /** One of the caller's interactions; another member's id answers 404. */
    public InteractionDocument get(IdentityAssertion caller, String id) {
        // By _id alone (the primary index of every store), the member checked on the document read.
        InteractionDocument found = ObjectId.isValid(id) ? mongo.findById(id, InteractionDocument.class) : null;
        if (found == null || !caller.memberId().equals(found.getMemberId())) {
            throw ApiException.notFound("interaction", id);
        }
        return found;
    }

    /**
     * Marks a promise of an interaction as kept (or open again) with {@code PromiseKept} (or {@code
     * PromiseReopened}), so that its follow-up is completed (or reopened); marking it as it already is changes
     * nothing and publishes nothing.
     */
    public InteractionDocument setPromiseDone(IdentityAssertion caller, String id, String promiseId, boolean done) {
        return OptimisticRetry.retry(5, () -> {
            InteractionDocument interaction = get(caller, id);
            InteractionDocument.Promise promise = interaction.promises.stream()
                    .filter(p -> p.id().equals(promiseId))
                    .findFirst()
                    .orElseThrow(() -> ApiException.notFound("promise", promiseId));
            if (promise.done() == done) {
                return interaction;
            }
            InteractionDocument.Promise marked = promise.marked(done);
            interaction.promises = interaction.promises.stream()
                    .map(p -> p.id().equals(promiseId) ? marked : p)
                    .toList();
            String contactId = interaction.contactIds.isEmpty() ? null : interaction.contactIds.getFirst();
            interaction.record(h -> done
                    ? new PromiseKept(
                            h,
                            interaction.getId(),
                            marked.id(),
                            contactId,
                            OwedBy.of(marked.owedBy()),
                            marked.what(),
                            marked.dueOn(),
                            marked.revision())
                    : new PromiseReopened(
                            h,
                            interaction.getId(),
                            marked.id(),
                            contactId,
                            OwedBy.of(marked.owedBy()),
                            marked.what(),
                            marked.dueOn(),
                            marked.revision()));
            return aggregates.save(interaction);
        });
    }

    /** The caller's interactions with one contact, newest first. */
    public List<InteractionDocument> ofContact(IdentityAssertion caller, String contactId, int limit) {
        contacts.get(caller, contactId);
        return mongo.find(
                new Query(Criteria.where("memberId")
                                .is(caller.memberId())
                                .and("contactIds")
                                .is(contactId))
                        .with(Sort.by(Sort.Direction.DESC, "occurredAt"))
                        .limit(limit),
                InteractionDocument.class);
    }

    /**
     * The member's interactions since {@code from} as a stream to close, with only their type, time and contacts (for
     * health and matching, which keep counters rather than the interactions).
     */
    public Stream<InteractionDocument> since(String memberId, Instant from) {
        Query query = new Query(
                Criteria.where("memberId").is(memberId).and("occurredAt").gte(from));
        query.fields().include("type", "occurredAt", "contactIds");
        return mongo.stream(query.cursorBatchSize(MemberRows.STREAM_BATCH), InteractionDocument.class);
    }

    /** The member's interactions with one contact since {@code from} (one contact's health). */
    public List<InteractionDocument> withContactSince(String memberId, String contactId, Instant from) {
        return mongo.find(
                new Query(Criteria.where("memberId")
                        .is(memberId)
                        .and("contactIds")
                        .is(contactId)
                        .and("occurredAt")
                        .gte(from)),
                InteractionDocument.class);
    }

    /** The member's interactions with promises still open, as a stream to close, with only their promises. */
    public Stream<InteractionDocument> withOpenPromises(String memberId) {
        Query query = new Query(
                Criteria.where("memberId").is(memberId).and("promises.done").is(false));
        query.fields().include("promises");
        return mongo.stream(query.cursorBatchSize(MemberRows.STREAM_BATCH), InteractionDocument.class);
    }
}
