package dev.rapport.support.deadletters;

import com.mongodb.client.model.Filters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The operators' decisions on dead letters, as stored (collection {@code dead_letter_decisions}). */
final class DeadLetterDecisions {

    private DeadLetterDecisions() {}

    /** The decisions taken on the letters of a topic, by letter id ({@code ids} empty: none read). */
    static Map<String, DeadLetters.Decision> read(MongoTemplate mongo, String topic, List<String> ids) {
        Map<String, DeadLetters.Decision> decisions = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return decisions;
        }
        for (Document d : mongo.getCollection(DeadLetters.COLLECTION).find(Filters.eq("topic", topic))) {
            String id = d.getString("letter");
            decisions.put(
                    id,
                    new DeadLetters.Decision(
                            d.getString("status"),
                            d.getString("operator"),
                            d.getString("reason"),
                            d.getDate("at").toInstant()));
        }
        return decisions;
    }
}
