package dev.rapport.reminders.reminders;

import dev.rapport.contracts.events.DomainEvent;
import dev.rapport.contracts.events.InteractionLogged;
import dev.rapport.contracts.events.ReminderCreated;
import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.support.events.OutboxEvents;
import dev.rapport.support.events.OutboxRelay;
import dev.rapport.support.web.ApiException;
import dev.rapport.support.web.CursorPage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/** Reminders: created from the events of the other services, listed for the member. */
@Service
public class ReminderService {

    private final MongoTemplate mongo;
    private final OutboxEvents events;
    private final OutboxRelay relay;
    private final Clock clock;

    public ReminderService(MongoTemplate mongo, OutboxEvents events, OutboxRelay relay, Clock clock) {
        this.mongo = mongo;
        this.events = events;
        this.relay = relay;
        this.clock = clock;
    }

    /** Acts on one consumed event; every reminder has an id derived from its cause, so a replay creates nothing. */
    public void on(DomainEvent event) {
        if (event instanceof InteractionLogged logged) {
            followUps(logged);
        }
    }

    private void followUps(InteractionLogged logged) {
        for (InteractionLogged.Promise promise : logged.promises()) {
            if (promise.done()) {
                continue;
            }
            InteractionLogged.Participant contact = logged.contacts().getFirst();
            ReminderDocument reminder = new ReminderDocument(
                    "follow-up-" + promise.promiseId(), logged.memberId(), logged.tenantId(), clock.instant());
            reminder.kind = "follow-up";
            reminder.contactId = contact.contactId();
            reminder.contactName = contact.displayName();
            reminder.title =
                    ReminderTexts.followUp(Locale.ENGLISH, promise.owedBy(), contact.displayName(), promise.what());
            reminder.detail = logged.summary();
            reminder.dueOn = promise.dueOn();
            reminder.sourceEventId = logged.eventId();
            create(reminder);
        }
    }

    private void create(ReminderDocument reminder) {
        reminder.record(events.entry(new ReminderCreated(
                UUID.randomUUID().toString(),
                clock.instant(),
                reminder.getMemberId(),
                reminder.getTenantId(),
                reminder.getId(),
                reminder.kind,
                reminder.contactId,
                reminder.dueOn,
                reminder.title)));
        try {
            relay.relaySoon(mongo.insert(reminder));
        } catch (DuplicateKeyException alreadyCreated) {
            // The same cause delivered again: the reminder exists, nothing more to do.
        }
    }

    /** A page of the caller's reminders, by due date. */
    public CursorPage<ReminderDocument> list(IdentityAssertion caller, String status, String cursor, int limit) {
        List<Criteria> criteria = new ArrayList<>();
        criteria.add(Criteria.where("memberId").is(caller.memberId()));
        if (status != null) {
            if (!List.of("open", "snoozed", "done", "dismissed").contains(status)) {
                throw ApiException.invalidField("status", "must be open, snoozed, done or dismissed");
            }
            criteria.add(Criteria.where("status").is(status));
        }
        Query all = new Query(new Criteria().andOperator(criteria));
        long total = mongo.count(all, ReminderDocument.class);
        if (cursor != null) {
            criteria.add(Criteria.where("_id").gt(cursor));
        }
        List<ReminderDocument> found = mongo.find(
                new Query(new Criteria().andOperator(criteria))
                        .with(Sort.by("_id"))
                        .limit(limit + 1),
                ReminderDocument.class);
        String next = null;
        if (found.size() > limit) {
            found = found.subList(0, limit);
            next = found.getLast().getId();
        }
        return new CursorPage<>(found, total, next);
    }

    Instant now() {
        return clock.instant();
    }
}
