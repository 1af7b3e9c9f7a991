package dev.rapport.contacts.interactions;

import dev.rapport.contacts.contacts.ContactDocument;
import dev.rapport.contacts.contacts.ContactService;
import dev.rapport.contracts.events.InteractionLogged;
import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.support.events.OutboxEvents;
import dev.rapport.support.events.OutboxRelay;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bson.types.ObjectId;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/** Logging interactions: they reset the keep-in-touch clock of every contact involved. */
@Service
public class InteractionService {

    private final ContactService contacts;
    private final MongoTemplate mongo;
    private final OutboxEvents events;
    private final OutboxRelay relay;
    private final Clock clock;

    public InteractionService(
            ContactService contacts, MongoTemplate mongo, OutboxEvents events, OutboxRelay relay, Clock clock) {
        this.contacts = contacts;
        this.mongo = mongo;
        this.events = events;
        this.relay = relay;
        this.clock = clock;
    }

    /** Logs an interaction with the caller's contacts; an unknown or foreign contact id answers 404 and logs nothing. */
    public InteractionDocument log(IdentityAssertion caller, InteractionRequest request) {
        List<ContactDocument> involved = new LinkedHashSet<>(request.contactIds())
                .stream().map(id -> contacts.get(caller, id)).toList();
        Instant now = clock.instant();
        InteractionDocument interaction =
                new InteractionDocument(new ObjectId().toHexString(), caller.memberId(), caller.tenantId());
        interaction.contactIds = involved.stream().map(ContactDocument::getId).toList();
        interaction.type = request.type();
        interaction.direction = Optional.ofNullable(request.direction()).orElse("outbound");
        interaction.occurredAt = request.occurredAt();
        interaction.summary = request.summary();
        interaction.loggedAt = now;
        interaction.promises = Optional.ofNullable(request.promises()).orElse(List.of()).stream()
                .map(p -> new InteractionDocument.Promise(
                        UUID.randomUUID().toString(), p.owedBy(), p.what().strip(), p.dueOn(), false))
                .toList();
        interaction.record(events.entry(new InteractionLogged(
                UUID.randomUUID().toString(),
                now,
                caller.memberId(),
                caller.tenantId(),
                interaction.getId(),
                involved.stream()
                        .map(c -> new InteractionLogged.Participant(c.getId(), c.displayName()))
                        .toList(),
                interaction.type,
                interaction.direction,
                interaction.occurredAt,
                interaction.summary,
                interaction.promises.stream()
                        .map(p -> new InteractionLogged.Promise(p.id(), p.owedBy(), p.what(), p.dueOn(), p.done()))
                        .toList())));
        InteractionDocument saved = mongo.save(interaction);
        relay.relaySoon(saved);
        for (ContactDocument contact : involved) {
            touch(caller, contact.getId(), request.occurredAt(), request.summary());
        }
        return saved;
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

    private void touch(IdentityAssertion caller, String contactId, Instant at, String summary) {
        for (int attempt = 0; ; attempt++) {
            ContactDocument contact = contacts.get(caller, contactId);
            try {
                contacts.touch(contact, at, summary);
                return;
            } catch (OptimisticLockingFailureException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }
}
