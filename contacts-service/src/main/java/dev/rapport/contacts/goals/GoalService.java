package dev.rapport.contacts.goals;

import dev.rapport.contacts.contacts.ContactDocument;
import dev.rapport.contacts.contacts.ContactService;
import dev.rapport.contacts.domain.InterestMatching;
import dev.rapport.contacts.groups.GroupDocument;
import dev.rapport.contacts.groups.GroupService;
import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.support.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.bson.types.ObjectId;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/** A member's goals and who in their network relates to each. */
@Service
public class GoalService {

    /** How many contacts beyond the linked ones a goal's network suggests. */
    static final int SUGGESTIONS = 10;

    private final MongoTemplate mongo;
    private final ContactService contacts;
    private final GroupService groups;
    private final Clock clock;

    GoalService(MongoTemplate mongo, ContactService contacts, GroupService groups, Clock clock) {
        this.mongo = mongo;
        this.contacts = contacts;
        this.groups = groups;
        this.clock = clock;
    }

    /** Adds a goal. */
    public GoalDocument add(IdentityAssertion caller, GoalRequest request) {
        GoalDocument goal =
                new GoalDocument(new ObjectId().toHexString(), caller.memberId(), caller.tenantId(), clock.instant());
        goal.title = request.title().strip();
        goal.description = request.description();
        goal.targetDate = request.targetDate();
        goal.topics = Optional.ofNullable(request.topics())
                .map(t -> t.stream().map(String::strip).distinct().toList())
                .map(ArrayList::new)
                .orElseGet(ArrayList::new);
        goal.status = Optional.ofNullable(request.status()).orElse("open");
        return mongo.insert(goal);
    }

    /** One of the caller's goals; another member's id answers 404. */
    public GoalDocument get(IdentityAssertion caller, String id) {
        GoalDocument goal = ObjectId.isValid(id) ? mongo.findById(id, GoalDocument.class) : null;
        // By _id alone (a lookup on every store), the owner checked here.
        if (goal == null || !caller.memberId().equals(goal.memberId)) {
            throw ApiException.notFound("goal", id);
        }
        return goal;
    }

    /** The caller's goals, nearest target date first (goals without one last). */
    public List<GoalDocument> list(IdentityAssertion caller, String status) {
        Criteria criteria = Criteria.where("memberId").is(caller.memberId());
        if (status != null) {
            criteria = criteria.and("status").is(status);
        }
        List<GoalDocument> found =
                new ArrayList<>(mongo.find(new Query(criteria).with(Sort.by("_id")), GoalDocument.class));
        found.sort(java.util.Comparator.comparing(
                (GoalDocument g) -> g.targetDate, java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())));
        return found;
    }

    /** Who in the network relates to a goal: linked contacts and groups, and contacts whose interests match its topics. */
    public record GoalNetwork(
            GoalDocument goal,
            List<ContactDocument> linkedContacts,
            List<GroupDocument> linkedGroups,
            List<InterestMatching.Match> suggestedContacts) {}

    /** The network of a goal. */
    public GoalNetwork network(IdentityAssertion caller, String id) {
        GoalDocument goal = get(caller, id);
        // Streamed: the linked contacts and those sharing a topic with the goal are kept, not the whole network.
        Set<String> topics = InterestMatching.keysOf(goal.topics);
        List<ContactDocument> linked = new ArrayList<>();
        List<InterestMatching.Candidate> others = new ArrayList<>();
        try (Stream<ContactDocument> active = contacts.stream(caller.memberId(), false)) {
            active.forEach(c -> {
                if (c.getGoalIds().contains(goal.id)) {
                    linked.add(c);
                } else if (InterestMatching.sharesTopic(c.getInterests(), c.getTags(), topics)) {
                    others.add(new InterestMatching.Candidate(
                            c.getId(), c.displayName(), c.getTier(), c.getInterests(), c.getTags(), null));
                }
            });
        }
        Instant now = clock.instant();
        return new GoalNetwork(
                goal,
                linked,
                groups.linkedTo(caller.memberId(), goal.id),
                InterestMatching.rank(goal.topics, others, now, Duration.ZERO, SUGGESTIONS));
    }
}
