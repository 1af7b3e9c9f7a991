package dev.rapport.contacts.goals;

import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.support.web.ApiException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.types.ObjectId;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/** A member's goals (who in their network relates to each: {@code goalnetwork/}). */
@Service
public class GoalService {

    private final MongoTemplate mongo;
    private final Clock clock;

    GoalService(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
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
}
