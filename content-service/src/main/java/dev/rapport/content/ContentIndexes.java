package dev.rapport.content;

import dev.rapport.support.mongo.DeclaredIndexes;
import dev.rapport.support.mongo.IndexDeclaration;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Every MongoDB index of the content service, in one place: created at start-up ({@code IndexCreator}), and the
 * integration tests fail on a query none of them serves ({@code IndexCoverageIT}). See docs/operations.md.
 */
@Component
public class ContentIndexes implements DeclaredIndexes {

    static final List<IndexDeclaration> ALL = List.of(
            // the item list (cursor on _id, optional status/channel/pillar filters) and a member's items
            IndexDeclaration.of("content_items", "member_id", "memberId", "_id"),
            // consistency: a channel's items published since a date; the feed matcher's candidates
            IndexDeclaration.of("content_items", "member_channel_published", "memberId", "channel", "publishedAt"),
            IndexDeclaration.of("content_items", "member_created", "memberId", "createdAt", "_id"),
            IndexDeclaration.of("content_feeds", "member_created", "memberId", "createdAt", "_id"),
            IndexDeclaration.of("content_feeds", "sync_due", "nextSyncAt"),
            IndexDeclaration.of("content_plans", "cadence_check_due", "nextCadenceCheckAt"),
            IndexDeclaration.of("cadence_slips", "member_detected", "memberId", "detectedAt", "_id"));

    @Override
    public List<IndexDeclaration> indexes() {
        return ALL;
    }
}
