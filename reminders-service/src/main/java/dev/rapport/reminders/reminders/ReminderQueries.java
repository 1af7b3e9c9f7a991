package dev.rapport.reminders.reminders;

import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.reminders.reminders.domain.DigestCandidate;
import dev.rapport.reminders.reminders.domain.PromiseNote;
import dev.rapport.reminders.reminders.domain.ReminderKind;
import dev.rapport.reminders.reminders.domain.ReminderStatus;
import dev.rapport.reminders.settings.NotificationSettingsService;
import dev.rapport.reminders.settings.domain.MemberPreferences;
import dev.rapport.support.web.ApiException;
import dev.rapport.support.web.CursorPage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/** What is read of a member's reminders: a filtered page, the digest's candidates, the calendar's days, the open promises. */
@Service
public class ReminderQueries {

    static final List<String> ACTIVE = List.of("open", "snoozed");

    private final MongoTemplate mongo;
    private final NotificationSettingsService settings;
    private final Clock clock;

    ReminderQueries(MongoTemplate mongo, NotificationSettingsService settings, Clock clock) {
        this.mongo = mongo;
        this.settings = settings;
        this.clock = clock;
    }

    /** The filters of a list of reminders; each may be null. */
    public record Filter(String status, String kind, LocalDate dueBefore, String contactId) {}

    /** A page of the caller's reminders, by due date, filtered. */
    public CursorPage<ReminderView> list(IdentityAssertion caller, Filter filter, String cursor, int limit) {
        MemberPreferences member = settings.preferences(caller.memberId());
        List<Criteria> criteria = new ArrayList<>();
        criteria.add(Criteria.where("memberId").is(caller.memberId()));
        if (filter.status() != null) {
            if (ReminderStatus.of(filter.status()).isEmpty()) {
                throw ApiException.invalidField("status", "must be open, snoozed, done or dismissed");
            }
            criteria.add(Criteria.where("status").is(filter.status()));
        }
        if (filter.kind() != null) {
            if (ReminderKind.of(filter.kind()).isEmpty()) {
                throw ApiException.invalidField("kind", "must be one of " + ReminderKind.names());
            }
            criteria.add(Criteria.where("kind").is(filter.kind()));
        }
        if (filter.dueBefore() != null) {
            criteria.add(Criteria.where("dueOn").lt(filter.dueBefore()));
        }
        if (filter.contactId() != null) {
            criteria.add(Criteria.where("contactId").is(filter.contactId()));
        }
        Query all = new Query(new Criteria().andOperator(List.copyOf(criteria)));
        if (cursor != null) {
            Position after = Position.decode(cursor);
            criteria.add(new Criteria()
                    .orOperator(
                            Criteria.where("dueOn").gt(after.dueOn()),
                            new Criteria()
                                    .andOperator(
                                            Criteria.where("dueOn").is(after.dueOn()),
                                            Criteria.where("_id").gt(after.id()))));
        }
        List<ReminderDocument> found = mongo.find(
                new Query(new Criteria().andOperator(criteria))
                        .with(Sort.by("dueOn", "_id"))
                        .limit(limit + 1),
                ReminderDocument.class);
        String next = null;
        // A first page that holds every match is its own count: only longer lists pay for a second query.
        long total = cursor == null && found.size() <= limit ? found.size() : mongo.count(all, ReminderDocument.class);
        if (found.size() > limit) {
            found = found.subList(0, limit);
            next = new Position(found.getLast().dueOn, found.getLast().getId()).encode();
        }
        Instant now = clock.instant();
        return new CursorPage<>(
                found.stream().map(r -> ReminderView.of(r, member, now)).toList(), total, next);
    }

    /** Where a page ended: the last reminder's due date and id, as an opaque cursor. */
    record Position(LocalDate dueOn, String id) {
        String encode() {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString((dueOn + "|" + id).getBytes(StandardCharsets.UTF_8));
        }

        static Position decode(String cursor) {
            try {
                String[] parts =
                        new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 2);
                return new Position(LocalDate.parse(parts[0]), parts[1]);
            } catch (IllegalArgumentException | DateTimeParseException | ArrayIndexOutOfBoundsException e) {
                throw ApiException.invalidField("cursor", "is not a cursor from a previous page");
            }
        }
    }

    /**
     * The member's open reminders due by {@code today} (snoozes are woken by {@link ReminderService#wakeDueSnoozes()}) as digest
     * candidates: a stream to close, reading only what prioritisation needs, so that thousands of open reminders cost
     * the digest a few small records each rather than whole documents.
     */
    public Stream<DigestCandidate> openDueBy(String memberId, LocalDate today) {
        Query query = new Query(Criteria.where("memberId")
                .is(memberId)
                .and("dueOn")
                .lte(today)
                .and("status")
                .is("open"));
        query.fields().include("kind", "dueOn", "owedBy", "contactId", "tier");
        return mongo.stream(query, ReminderDocument.class)
                .map(r -> new DigestCandidate(r.getId(), r.kind().id(), r.dueOn, r.owedBy, r.contactId, r.tier));
    }

    /** The member's reminders of these ids (those that are not the member's are left out). */
    public List<ReminderDocument> ofMember(String memberId, Collection<String> ids) {
        return ids.stream()
                .map(id -> mongo.findById(id, ReminderDocument.class))
                .filter(r -> r != null && memberId.equals(r.getMemberId()))
                .toList();
    }

    /** The member's active reminders whose day falls in [{@code from}, {@code to}], for the calendar feed. */
    public List<ReminderDocument> activeBetween(String memberId, LocalDate from, LocalDate to, int limit) {
        Criteria open =
                Criteria.where("status").is("open").and("dueOn").gte(from).lte(to);
        Criteria snoozed = Criteria.where("status")
                .is("snoozed")
                .and("snoozedUntil")
                .gte(from)
                .lte(to);
        return mongo.find(
                new Query(new Criteria()
                                .andOperator(
                                        Criteria.where("memberId").is(memberId),
                                        new Criteria().orOperator(open, snoozed)))
                        .with(Sort.by("dueOn", "_id"))
                        .limit(limit),
                ReminderDocument.class);
    }

    /**
     * The earliest open promises with a contact (at most {@value ReminderService#MAX_OPEN_PROMISES}), as short texts, for the
     * context of other reminders about them: bounded, however many promises are open.
     */
    List<PromiseNote> openPromises(String memberId, String contactId) {
        return mongo
                .find(
                        new Query(Criteria.where("memberId")
                                        .is(memberId)
                                        .and("contactId")
                                        .is(contactId)
                                        .and("kind")
                                        .is(ReminderKind.FOLLOW_UP.id())
                                        .and("status")
                                        .in(ReminderQueries.ACTIVE))
                                .with(Sort.by("dueOn"))
                                .limit(ReminderService.MAX_OPEN_PROMISES),
                        ReminderDocument.class)
                .stream()
                .map(r -> new PromiseNote(r.what, r.owedBy, r.dueOn))
                .toList();
    }
}
