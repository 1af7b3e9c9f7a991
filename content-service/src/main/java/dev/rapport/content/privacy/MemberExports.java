package dev.rapport.content.privacy;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Reads a member's data for export straight from the collections into the export records (mapped by
 * field name), so the export shows what is stored, not what one screen of the API happens to show.
 */
@Component
class MemberExports {

    private final MongoTemplate mongo;
    private final Clock clock;

    MemberExports(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    ContentExport of(String memberId) {
        return new ContentExport(
                memberId,
                clock.instant(),
                mongo.findById(memberId, ContentExport.Plan.class, "content_plans"),
                mongo.find(ofMember(memberId, "createdAt"), ContentExport.Item.class, "content_items"),
                mongo.find(ofMember(memberId, "createdAt"), ContentExport.Feed.class, "content_feeds"),
                mongo.find(ofMember(memberId, "detectedAt"), ContentExport.CadenceSlip.class, "cadence_slips"));
    }

    private static Query ofMember(String memberId, String oldestFirst) {
        return query(where("memberId").is(memberId)).with(Sort.by(oldestFirst, "_id"));
    }
}
