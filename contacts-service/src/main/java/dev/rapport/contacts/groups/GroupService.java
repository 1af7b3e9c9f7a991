package dev.rapport.contacts.groups;

import dev.rapport.contacts.ContactsProperties;
import dev.rapport.contacts.domain.KeepInTouch;
import dev.rapport.contacts.goals.GoalIds;
import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.support.events.Aggregates;
import dev.rapport.support.mongo.OptimisticRetry;
import dev.rapport.support.web.ApiException;
import dev.rapport.support.web.CursorPage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.types.ObjectId;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/** Groups, participations, and noticing when the member has gone quiet in one. */
@Service
public class GroupService {

    /** Weekly participation unless the member chooses otherwise. */
    static final int DEFAULT_CADENCE_DAYS = 7;

    private final MongoTemplate mongo;
    private final GoalIds goals;
    private final Aggregates aggregates;
    private final ContactsProperties properties;
    private final Clock clock;

    GroupService(
            MongoTemplate mongo, GoalIds goals, Aggregates aggregates, ContactsProperties properties, Clock clock) {
        this.mongo = mongo;
        this.goals = goals;
        this.aggregates = aggregates;
        this.properties = properties;
        this.clock = clock;
    }

    /** Starts following a group; its participation clock runs from now. */
    public GroupDocument add(IdentityAssertion caller, GroupRequest request) {
        List<String> goalIds = goals.requireOwned(caller.memberId(), request.goalIds(), "goalIds");
        Instant now = clock.instant();
        GroupDocument group =
                new GroupDocument(new ObjectId().toHexString(), caller.memberId(), caller.tenantId(), now);
        group.name = request.name().strip();
        group.kind = Optional.ofNullable(request.kind()).orElse("other");
        group.url = request.url();
        group.notes = request.notes();
        group.cadenceDays = Optional.ofNullable(request.cadenceDays()).orElse(DEFAULT_CADENCE_DAYS);
        group.goalIds = new ArrayList<>(goalIds);
        group.nextParticipationDueAt = KeepInTouch.nextTouchDueAt(null, now, group.cadenceDays);
        return aggregates.insert(group);
    }

    /** One of the caller's groups; another member's id answers 404. */
    public GroupDocument get(IdentityAssertion caller, String id) {
        GroupDocument group = ObjectId.isValid(id) ? mongo.findById(id, GroupDocument.class) : null;
        // By _id alone (a lookup on every store), the owner checked here.
        if (group == null || !caller.memberId().equals(group.getMemberId())) {
            throw ApiException.notFound("group", id);
        }
        return group;
    }

    /** A page of the caller's groups, oldest first; {@code goalId} keeps those linked to a goal. */
    public CursorPage<GroupDocument> list(IdentityAssertion caller, String goalId, String cursor, int limit) {
        Criteria criteria = Criteria.where("memberId").is(caller.memberId());
        if (goalId != null) {
            criteria = criteria.and("goalIds").is(goalId);
        }
        Query all = new Query(criteria);
        if (cursor != null) {
            if (!ObjectId.isValid(cursor)) {
                throw ApiException.invalidField("cursor", "is not a cursor this API returned");
            }
            criteria = criteria.and("_id").gt(new ObjectId(cursor));
        }
        List<GroupDocument> found =
                mongo.find(new Query(criteria).with(Sort.by("_id")).limit(limit + 1), GroupDocument.class);
        // A first page that holds every match is its own count.
        long total = cursor == null && found.size() <= limit ? found.size() : mongo.count(all, GroupDocument.class);
        String next = null;
        if (found.size() > limit) {
            found = found.subList(0, limit);
            next = found.getLast().getId();
        }
        return new CursorPage<>(found, total, next);
    }

    /**
     * Logs a participation and moves the group's clock (never backwards); the group and the
     * participation are one document, so this is one atomic write, retried on a concurrent change.
     */
    public GroupDocument.Participation participate(IdentityAssertion caller, String id, ParticipationRequest request) {
        return OptimisticRetry.retry(10, () -> {
            GroupDocument group = get(caller, id);
            Instant now = clock.instant();
            if (request.occurredAt().isAfter(now)) {
                throw ApiException.invalidField("occurredAt", "must be a date in the past or in the present");
            }
            GroupDocument.Participation participation = new GroupDocument.Participation(
                    new ObjectId().toHexString(),
                    Optional.ofNullable(request.kind()).orElse("other"),
                    request.occurredAt(),
                    request.note());
            group.participations.add(participation);
            KeepInTouch.Touch touch = KeepInTouch.touch(
                    group.lastParticipationAt,
                    group.createdAt,
                    group.cadenceDays,
                    group.quiet,
                    request.occurredAt(),
                    now);
            group.lastParticipationAt = touch.lastInteractionAt();
            group.nextParticipationDueAt = touch.nextTouchDueAt();
            if (touch.reengaged()) {
                group.quiet = false;
                group.quietSince = null;
            }
            aggregates.save(group);
            return participation;
        });
    }

    /** Marks groups whose participation cadence lapsed as quiet, once per episode; answers how many this call marked. */
    public int markQuiet(Instant now) {
        List<GroupDocument> lapsed = mongo.find(
                new Query(Criteria.where("quiet")
                                .ne(true)
                                .and("nextParticipationDueAt")
                                .lt(now))
                        .limit(properties.staleness().batch()),
                GroupDocument.class);
        int marked = 0;
        for (GroupDocument group : lapsed) {
            if (!group.goQuiet(now)) {
                continue;
            }
            // Same guarantee as for contacts: the versioned save (exactly _id and version, served by an index on
            // every store) matches only the group as read, for one instance.
            try {
                aggregates.save(group);
                marked++;
            } catch (OptimisticLockingFailureException changedMeanwhile) {
                // another instance started the episode, or a participation came in since it was read: that stands
            }
        }
        return marked;
    }

    /** The caller's groups linked to a goal. */
    public List<GroupDocument> linkedTo(String memberId, String goalId) {
        return mongo.find(
                new Query(Criteria.where("memberId").is(memberId).and("goalIds").is(goalId)), GroupDocument.class);
    }
}
