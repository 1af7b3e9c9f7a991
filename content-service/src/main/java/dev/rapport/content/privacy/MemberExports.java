package dev.rapport.content.privacy;

import dev.rapport.support.privacy.MemberRows;
import dev.rapport.support.web.StreamedJson;
import java.time.Clock;
import org.springframework.data.mongodb.core.MongoTemplate;
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

    /** Writes the members of the {@link ContentExport} of {@code memberId}, in its order. */
    void write(String memberId, StreamedJson.Writer export) {
        export.value("memberId", memberId)
                .value("exportedAt", clock.instant())
                .value("plan", mongo.findById(memberId, ContentExport.Plan.class, "content_plans"))
                .array("items", MemberRows.of(mongo, memberId, "createdAt", ContentExport.Item.class, "content_items"))
                .array("feeds", MemberRows.of(mongo, memberId, "createdAt", ContentExport.Feed.class, "content_feeds"))
                .array(
                        "cadenceSlips",
                        MemberRows.of(mongo, memberId, "detectedAt", ContentExport.CadenceSlip.class, "cadence_slips"));
    }
}
