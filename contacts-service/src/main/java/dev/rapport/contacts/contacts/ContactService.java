package dev.rapport.contacts.contacts;

import dev.rapport.contracts.events.ContactAdded;
import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.support.events.OutboxEvents;
import dev.rapport.support.events.OutboxRelay;
import dev.rapport.support.web.ApiException;
import dev.rapport.support.web.CursorPage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.bson.types.ObjectId;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/** Use cases on a member's contacts. */
@Service
public class ContactService {

    static final Duration DUE_SOON = Duration.ofDays(7);

    private final ContactRepository contacts;
    private final MongoTemplate mongo;
    private final OutboxEvents events;
    private final OutboxRelay relay;
    private final Clock clock;

    public ContactService(
            ContactRepository contacts, MongoTemplate mongo, OutboxEvents events, OutboxRelay relay, Clock clock) {
        this.contacts = contacts;
        this.mongo = mongo;
        this.events = events;
        this.relay = relay;
        this.clock = clock;
    }

    /** Adds a contact to the caller's network and announces it. */
    public ContactDocument add(IdentityAssertion caller, ContactRequest request) {
        Instant now = clock.instant();
        ContactDocument contact =
                new ContactDocument(new ObjectId().toHexString(), caller.memberId(), caller.tenantId(), now);
        apply(contact, request);
        contact.record(events.entry(new ContactAdded(
                UUID.randomUUID().toString(),
                now,
                caller.memberId(),
                caller.tenantId(),
                contact.getId(),
                contact.displayName(),
                contact.tier.id(),
                contact.tags,
                contact.interests,
                contact.source)));
        ContactDocument saved = contacts.save(contact);
        relay.relaySoon(saved);
        return saved;
    }

    /** One of the caller's contacts; another member's id answers 404 like a missing one. */
    public ContactDocument get(IdentityAssertion caller, String id) {
        return contacts.findByIdAndMemberId(id, caller.memberId())
                .orElseThrow(() -> ApiException.notFound("contact", id));
    }

    /**
     * Resets the keep-in-touch clock after an interaction; a backdated one older than the latest
     * changes nothing. Throws on a concurrent change, for the caller to retry on fresh state.
     */
    public void touch(ContactDocument contact, Instant at, String summary) {
        contact.interactionAt(at, summary);
        contacts.save(contact);
    }

    /** Filters for listing contacts. */
    public record ListFilter(String q, String tag, Tier tier, String status, boolean archived) {}

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
            criteria.add(Criteria.where("tags").is(filter.tag()));
        }
        if (filter.tier() != null) {
            criteria.add(Criteria.where("tier").is(filter.tier()));
        }
        if (filter.status() != null) {
            Instant now = clock.instant();
            criteria.add(
                    switch (filter.status()) {
                        case "stale" -> Criteria.where("nextTouchDueAt").lt(now);
                        case "due-soon" ->
                            Criteria.where("nextTouchDueAt").gte(now).lt(now.plus(DUE_SOON));
                        case "ok" -> Criteria.where("nextTouchDueAt").gte(now.plus(DUE_SOON));
                        default -> throw ApiException.invalidField("status", "must be stale, due-soon or ok");
                    });
        }
        Query all = new Query(new Criteria().andOperator(criteria));
        long total = mongo.count(all, ContactDocument.class);
        if (cursor != null) {
            criteria.add(Criteria.where("_id").gt(decodeCursor(cursor)));
        }
        Query page = new Query(new Criteria().andOperator(criteria))
                .with(Sort.by("_id"))
                .limit(limit + 1);
        List<ContactDocument> found = mongo.find(page, ContactDocument.class);
        String next = null;
        if (found.size() > limit) {
            found = found.subList(0, limit);
            next = found.getLast().getId();
        }
        return new CursorPage<>(found, total, next);
    }

    private static String decodeCursor(String cursor) {
        if (!ObjectId.isValid(cursor)) {
            throw ApiException.invalidField("cursor", "is not a cursor this API returned");
        }
        return cursor;
    }

    static void apply(ContactDocument c, ContactRequest r) {
        c.firstName = trim(r.firstName());
        c.lastName = trim(r.lastName());
        c.emails = clean(r.emails());
        c.phones = clean(r.phones());
        c.company = trim(r.company());
        c.title = trim(r.title());
        c.location = trim(r.location());
        c.profileUrls = clean(r.profileUrls());
        c.howWeMet = trim(r.howWeMet());
        c.interests = clean(r.interests());
        c.notes = r.notes();
        c.tags = clean(r.tags());
        c.birthday = r.birthday();
        c.source = Optional.ofNullable(trim(r.source())).orElse("manual");
        c.tier = Optional.ofNullable(r.tier()).orElse(Tier.REGULAR);
        c.cadenceDays = r.cadenceDays();
        c.refreshDerived();
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static List<String> clean(List<String> values) {
        return values == null
                ? new ArrayList<>()
                : new ArrayList<>(values.stream()
                        .filter(v -> v != null && !v.isBlank())
                        .map(String::strip)
                        .distinct()
                        .toList());
    }
}
