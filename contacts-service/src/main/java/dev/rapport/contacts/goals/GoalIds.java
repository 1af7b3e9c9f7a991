package dev.rapport.contacts.goals;

import dev.rapport.support.web.ApiException;
import dev.rapport.support.web.ApiException.FieldProblem;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.bson.types.ObjectId;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** Checks that goal ids a contact or group is linked to are goals of the same member. */
@Component
public class GoalIds {

    private final MongoTemplate mongo;

    GoalIds(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * The ids without duplicates; any id that is not one of the member's goals answers 400 naming
     * {@code field[index]}, and nothing is changed.
     */
    public List<String> requireOwned(String memberId, List<String> goalIds, String field) {
        if (goalIds == null || goalIds.isEmpty()) {
            return new ArrayList<>();
        }
        List<String> unique = new ArrayList<>(
                new LinkedHashSet<>(goalIds.stream().map(String::strip).toList()));
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < goalIds.size(); i++) {
            String id = goalIds.get(i).strip();
            // By _id alone (a lookup on every store), the owner checked here.
            GoalDocument goal = ObjectId.isValid(id) ? mongo.findById(id, GoalDocument.class) : null;
            boolean owned = goal != null && memberId.equals(goal.memberId);
            if (!owned) {
                problems.add(new FieldProblem(field + "[" + i + "]", "is not one of your goals"));
            }
        }
        if (!problems.isEmpty()) {
            throw new ApiException(
                    HttpStatus.BAD_REQUEST,
                    "Invalid request",
                    problems.size() == 1 ? "1 field is invalid" : problems.size() + " fields are invalid",
                    Map.of("errors", problems));
        }
        return unique;
    }
}
