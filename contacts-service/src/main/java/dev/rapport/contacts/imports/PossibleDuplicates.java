package dev.rapport.contacts.imports;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.rapport.contacts.contacts.ContactBulkWrites;
import dev.rapport.contacts.contacts.ContactCards;
import dev.rapport.contacts.contacts.ContactQueries;
import dev.rapport.contacts.contacts.ContactRequest;
import dev.rapport.contacts.contacts.ContactService;
import dev.rapport.contacts.domain.ContactCard;
import dev.rapport.contacts.imports.domain.Merging;
import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.support.web.ApiException;
import dev.rapport.support.web.CursorPage;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

/**
 * Pairs of a member's contacts that may be the same person but were not merged by an import (same
 * name and company with nothing to prove it, or one e-mail on two profiles): listed for the member
 * to merge or dismiss. A pair is recorded once; a dismissed pair is never offered again.
 */
@Service
public class PossibleDuplicates {

    static final String COLLECTION = "possible_duplicates";

    private final MongoTemplate mongo;
    private final ContactService contacts;
    private final ContactBulkWrites bulk;
    private final ContactQueries queries;
    private final Clock clock;

    PossibleDuplicates(
            MongoTemplate mongo, ContactService contacts, ContactBulkWrites bulk, ContactQueries queries, Clock clock) {
        this.mongo = mongo;
        this.contacts = contacts;
        this.bulk = bulk;
        this.queries = queries;
        this.clock = clock;
    }

    /** A pair found by an import: two contact ids, why, and the row that was not merged. */
    public record Found(String contactId, String otherContactId, String reason, long line) {}

    /** A possible duplicate as the API shows it. */
    public record View(
            String id,

            @Schema(description = "same-name-and-company or same-email")
            String reason,

            List<Side> contacts,
            Instant foundAt) {}

    /** One contact of a pair. */
    public record Side(String id, String displayName, String company, List<String> emails, List<String> profileUrls) {}

    /** What merging a pair did. */
    public record Merged(String keptContactId, String archivedContactId) {}

    private MongoCollection<Document> pairs() {
        return mongo.getCollection(COLLECTION);
    }

    static String idOf(String memberId, String a, String b) {
        return a.compareTo(b) < 0 ? memberId + ":" + a + ":" + b : memberId + ":" + b + ":" + a;
    }

    /** Records the pairs an import found; a pair already known (open, merged or dismissed) is left as it is. */
    void record(String memberId, String tenantId, List<Found> found) {
        if (found.isEmpty()) {
            return;
        }
        Date now = Date.from(clock.instant());
        List<UpdateOneModel<Document>> writes = new ArrayList<>();
        for (Found pair : found) {
            String first =
                    pair.contactId().compareTo(pair.otherContactId()) < 0 ? pair.contactId() : pair.otherContactId();
            String second = first.equals(pair.contactId()) ? pair.otherContactId() : pair.contactId();
            writes.add(new UpdateOneModel<>(
                    Filters.eq("_id", idOf(memberId, first, second)),
                    Updates.combine(
                            Updates.setOnInsert("memberId", memberId),
                            Updates.setOnInsert("tenantId", tenantId),
                            Updates.setOnInsert("contactIds", List.of(first, second)),
                            Updates.setOnInsert("reason", pair.reason()),
                            Updates.setOnInsert("line", pair.line()),
                            Updates.setOnInsert("state", "open"),
                            Updates.setOnInsert("foundAt", now)),
                    new UpdateOptions().upsert(true)));
        }
        pairs().bulkWrite(writes);
    }

    /** The caller's open pairs, oldest first, a page at a time. */
    public CursorPage<View> list(IdentityAssertion caller, String cursor, int limit) {
        Bson filter = Filters.and(Filters.eq("memberId", caller.memberId()), Filters.eq("state", "open"));
        if (cursor != null && !cursor.isBlank()) {
            filter = Filters.and(filter, Filters.gt("_id", caller.memberId() + ":" + cursor));
        }
        List<Document> page = pairs().find(filter)
                .sort(Sorts.ascending("_id"))
                .limit(limit + 1)
                .into(new ArrayList<>());
        boolean more = page.size() > limit;
        List<Document> shown = more ? page.subList(0, limit) : page;
        List<String> ids = shown.stream()
                .flatMap(d -> d.getList("contactIds", String.class).stream())
                .toList();
        Map<String, ContactRequest> details = queries.details(caller.memberId(), ids);
        List<View> views = new ArrayList<>();
        for (Document pair : shown) {
            List<Side> sides = pair.getList("contactIds", String.class).stream()
                    .filter(details::containsKey)
                    .map(id -> side(id, details.get(id)))
                    .toList();
            views.add(new View(
                    pair.getString("_id").substring(caller.memberId().length() + 1),
                    pair.getString("reason"),
                    sides,
                    pair.getDate("foundAt").toInstant()));
        }
        String next = more ? views.getLast().id() : null;
        long total = pairs().countDocuments(
                        Filters.and(Filters.eq("memberId", caller.memberId()), Filters.eq("state", "open")));
        return new CursorPage<>(views, total, next);
    }

    /** Marks a pair as two different people: it is not offered again. */
    public void dismiss(IdentityAssertion caller, String id) {
        Document pair = open(caller, id);
        pairs().updateOne(Filters.eq("_id", pair.getString("_id")), Updates.set("state", "dismissed"));
    }

    /**
     * Merges a pair into the contact to keep (the first of the pair unless {@code keep} names the other): it
     * gains what the other has and lacks (never overwritten, as an import merges), and the other is archived.
     */
    public Merged merge(IdentityAssertion caller, String id, String keep) {
        Document pair = open(caller, id);
        List<String> ids = pair.getList("contactIds", String.class);
        if (keep != null && !ids.contains(keep)) {
            throw ApiException.invalidField("keep", "is not one of the pair's contacts");
        }
        String kept = keep != null ? keep : ids.getFirst();
        String other = kept.equals(ids.get(0)) ? ids.get(1) : ids.get(0);
        Map<String, ContactRequest> details = queries.details(caller.memberId(), List.of(other));
        if (!details.containsKey(other)) {
            throw ApiException.notFound("contact", other);
        }
        contacts.get(caller, kept);
        ContactCard otherCard = ContactCards.of(details.get(other));
        bulk.addAndChange(
                caller.memberId(),
                caller.tenantId(),
                List.of(),
                Map.of(
                        kept,
                        current -> ContactCards.withCard(
                                current,
                                Merging.merge(ContactCards.of(current), otherCard)
                                        .card())));
        contacts.archive(caller, other, null);
        pairs().updateOne(
                        Filters.eq("_id", pair.getString("_id")),
                        Updates.combine(Updates.set("state", "merged"), Updates.set("keptContactId", kept)));
        return new Merged(kept, other);
    }

    private Document open(IdentityAssertion caller, String id) {
        // By _id alone (the member is part of it), so that the lookup uses the primary index on every store.
        Document pair =
                pairs().find(Filters.eq("_id", caller.memberId() + ":" + id)).first();
        if (pair == null || !caller.memberId().equals(pair.getString("memberId"))) {
            throw ApiException.notFound("possible duplicate", id);
        }
        if (!"open".equals(pair.getString("state"))) {
            throw ApiException.conflict("this possible duplicate was already " + pair.getString("state"));
        }
        return pair;
    }

    private static Side side(String id, ContactRequest c) {
        ContactCard card = ContactCards.of(c);
        return new Side(id, card.displayName(), c.company(), c.emails(), c.profileUrls());
    }
}
