package dev.rapport.contacts.contacts;

import dev.rapport.contacts.domain.KeepInTouch;
import dev.rapport.contacts.domain.MatchKeys;
import dev.rapport.contacts.domain.SearchText;
import dev.rapport.contacts.domain.Tier;
import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.support.privacy.MemberRows;
import dev.rapport.support.web.ApiException;
import dev.rapport.support.web.CursorPage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.bson.types.ObjectId;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * What other packages ask of a member's contacts: a filtered page, a stream, the identifying fields, the
 * requests that would create them, and lookups by match key (the directory's and e-mail capture's).
 */
@Service
public class ContactQueries {

    /** How many ids one {@code $in} query carries (and how many contacts one bulk insert). */
    static final int BATCH = 1000;

    private final MongoTemplate mongo;
    private final ContactPatches patches;
    private final Clock clock;

    ContactQueries(MongoTemplate mongo, ContactPatches patches, Clock clock) {
        this.mongo = mongo;
        this.patches = patches;
        this.clock = clock;
    }

    /** Filters for listing contacts. */
    public record ListFilter(String q, String tag, Tier tier, String status, String goalId, boolean archived) {}

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
            criteria.add(Criteria.where("tags").is(filter.tag().strip()));
        }
        if (filter.tier() != null) {
            criteria.add(Criteria.where("tier").is(filter.tier()));
        }
        if (filter.goalId() != null) {
            criteria.add(Criteria.where("goalIds").is(filter.goalId()));
        }
        if (filter.status() != null) {
            KeepInTouch.Status status = Arrays.stream(KeepInTouch.Status.values())
                    .filter(s -> s.id().equals(filter.status()))
                    .findFirst()
                    .orElseThrow(() -> ApiException.invalidField("status", "must be stale, due-soon or ok"));
            criteria.add(KeepInTouchCriteria.inStatus(status, clock.instant()));
        }
        if (cursor != null && !ObjectId.isValid(cursor)) {
            throw ApiException.invalidField("cursor", "is not a cursor this API returned");
        }
        Query all = new Query(new Criteria().andOperator(List.copyOf(criteria)));
        if (cursor != null) {
            criteria.add(Criteria.where("_id").gt(new ObjectId(cursor)));
        }
        Query page = new Query(new Criteria().andOperator(criteria))
                .with(Sort.by("_id"))
                .limit(limit + 1);
        List<ContactDocument> found = mongo.find(page, ContactDocument.class);
        // A first page that holds every match is its own count: only longer lists pay for a second query.
        long total = cursor == null && found.size() <= limit ? found.size() : mongo.count(all, ContactDocument.class);
        String next = null;
        if (found.size() > limit) {
            found = found.subList(0, limit);
            next = found.getLast().getId();
        }
        return new CursorPage<>(found, total, next);
    }

    /** The caller's contacts that are not archived (for network-wide views). */
    public List<ContactDocument> active(String memberId) {
        return mongo.find(
                new Query(Criteria.where("memberId")
                                .is(memberId)
                                .and("archived")
                                .is(false))
                        .with(Sort.by("_id")),
                ContactDocument.class);
    }

    /** The identifying fields of one contact: enough to recognise an imported person without loading whole contacts. */
    public record Identity(
            String id,
            String firstName,
            String lastName,
            String company,
            List<String> emails,
            List<String> profileUrls) {}

    /** The identifying fields of every contact of a member, archived ones too, in one query. */
    public List<Identity> identities(String memberId) {
        Query query = new Query(Criteria.where("memberId").is(memberId));
        query.fields().include("firstName", "lastName", "company", "emails", "profileUrls");
        return mongo.find(query, ContactDocument.class).stream()
                .map(c -> new Identity(c.getId(), c.firstName, c.lastName, c.company, c.emails, c.profileUrls))
                .toList();
    }

    /** Some of a member's contacts as the requests that would create them, by id; other members' ids are left out. */
    public Map<String, ContactRequest> details(String memberId, Collection<String> ids) {
        Map<String, ContactRequest> found = new LinkedHashMap<>();
        for (List<String> chunk : chunks(List.copyOf(ids))) {
            // By _id alone, which every store looks up by its primary index (the embedded one would scan the
            // collection for _id and memberId together); the member is checked on each document read.
            mongo.find(new Query(Criteria.where("_id").in(chunk)), ContactDocument.class).stream()
                    .filter(c -> memberId.equals(c.getMemberId()))
                    .forEach(c -> found.put(c.getId(), patches.requestOf(c)));
        }
        return found;
    }

    /** Every contact of a member (archived ones when asked), oldest first, read as a stream rather than whole. */
    public java.util.stream.Stream<ContactDocument> stream(String memberId, boolean withArchived) {
        Criteria criteria = Criteria.where("memberId").is(memberId);
        if (!withArchived) {
            criteria = criteria.and("archived").is(false);
        }
        return mongo.stream(
                new Query(criteria).with(Sort.by("_id")).cursorBatchSize(MemberRows.STREAM_BATCH),
                ContactDocument.class);
    }

    /**
     * The ids of a tenant's contacts (of every member) that carry one of {@code keys} ({@link
     * MatchKeys#of}) or are already linked to one of {@code profileIds},
     * with the member each belongs to: one query per page of directory profiles.
     */
    public List<Linkable> linkable(String tenantId, Collection<String> keys, Collection<String> profileIds) {
        Query query = new Query(new Criteria()
                .andOperator(
                        Criteria.where("tenantId").is(tenantId),
                        new Criteria()
                                .orOperator(
                                        Criteria.where("matchKeys").in(keys),
                                        Criteria.where("directory.profileId").in(profileIds))));
        query.fields().include("memberId", "matchKeys", "directory");
        return mongo.find(query, ContactDocument.class).stream()
                .map(c -> new Linkable(
                        c.getId(), c.getMemberId(), c.matchKeys, c.directory == null ? null : c.directory.profileId()))
                .toList();
    }

    /** A contact known by an e-mail: its id, name and e-mail keys. */
    public record ByEmail(String contactId, String displayName, List<String> emails) {}

    /**
     * The member's active contacts with one of these e-mails (lower-cased), by the tenant's stored match keys (the
     * index the directory uses), the member checked on each contact read.
     */
    public List<ByEmail> withEmails(String memberId, String tenantId, Collection<String> emails) {
        if (emails.isEmpty()) {
            return List.of();
        }
        List<String> keys = emails.stream().map(e -> "email:" + e).toList();
        Query query = new Query(
                Criteria.where("tenantId").is(tenantId).and("matchKeys").in(keys));
        query.fields().include("memberId", "firstName", "lastName", "emails", "archived", "matchKeys");
        return mongo.find(query, ContactDocument.class).stream()
                .filter(c -> memberId.equals(c.getMemberId()) && !c.archived)
                .map(c -> new ByEmail(
                        c.getId(),
                        c.displayName(),
                        c.matchKeys.stream()
                                .filter(k -> k.startsWith("email:"))
                                .map(k -> k.substring(6))
                                .toList()))
                .toList();
    }

    /** A contact the directory may link to: its id, member, match keys and current link. */
    public record Linkable(String contactId, String memberId, List<String> matchKeys, String linkedProfileId) {}

    static <T> List<List<T>> chunks(List<T> items) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < items.size(); from += BATCH) {
            chunks.add(items.subList(from, Math.min(items.size(), from + BATCH)));
        }
        return chunks;
    }
}
