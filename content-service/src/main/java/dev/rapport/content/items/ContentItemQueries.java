package dev.rapport.content.items;

import dev.rapport.content.domain.Cadence;
import dev.rapport.content.domain.FeedMatcher;
import dev.rapport.content.domain.ItemStatus;
import dev.rapport.content.domain.SlotPlanner;
import dev.rapport.content.plan.ContentPlanService;
import dev.rapport.content.plan.MemberPlan;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/** What the other features read of a member's content items: the items, the free posting slots, the feed's candidates. */
@Service
public class ContentItemQueries {

    private final MongoTemplate mongo;
    private final ContentPlanService plans;
    private final Clock clock;

    ContentItemQueries(MongoTemplate mongo, ContentPlanService plans, Clock clock) {
        this.mongo = mongo;
        this.plans = plans;
        this.clock = clock;
    }

    /**
     * The next free posting slots of a channel (see {@link SlotPlanner}); {@code ignoring} is an item whose own
     * slot does not count as taken (it is the one being rescheduled).
     */
    public List<ZonedDateTime> nextFreeSlots(String memberId, String channel, int count, String ignoring) {
        Optional<MemberPlan> plan = plans.of(memberId);
        if (plan.isEmpty()) {
            return List.of();
        }
        return freeSlots(plan.get(), channel, clock.instant(), null, ofMember(memberId), ignoring, count);
    }

    /** Free slots between two instants, given the member's items (so callers that already read them reuse them). */
    public static List<ZonedDateTime> freeSlots(
            MemberPlan plan,
            String channel,
            Instant after,
            Instant until,
            Collection<ContentItemDocument> items,
            String ignoring,
            int count) {
        Cadence cadence = plan.cadenceOf(channel).orElse(null);
        List<Instant> taken = items.stream()
                .filter(item -> channel.equals(item.channel) && !item.getId().equals(ignoring))
                .map(item -> item.status == ItemStatus.SCHEDULED
                        ? item.scheduledFor
                        : item.status == ItemStatus.PUBLISHED ? item.publishedAt : null)
                .filter(at -> at != null)
                .toList();
        return SlotPlanner.nextFree(channel, cadence, plan.slots(), plan.zone(), after, until, taken, count);
    }

    /** Every item of a member that is not archived. */
    public List<ContentItemDocument> ofMember(String memberId) {
        return mongo.find(
                new Query(Criteria.where("memberId").is(memberId).and("status").ne(ItemStatus.ARCHIVED)),
                ContentItemDocument.class);
    }

    /** The member's items published on a channel at or after {@code since}. */
    public List<ContentItemDocument> publishedSince(String memberId, String channel, Instant since) {
        return mongo.find(
                new Query(Criteria.where("memberId")
                        .is(memberId)
                        .and("channel")
                        .is(channel)
                        .and("status")
                        .in(ItemStatus.PUBLISHED, ItemStatus.ARCHIVED)
                        .and("publishedAt")
                        .gte(since)),
                ContentItemDocument.class);
    }

    /** Every item of a member on a channel, archived ones included, as the feed matcher sees them. */
    public List<FeedMatcher.Candidate> feedCandidates(String memberId, String channel) {
        return mongo
                .find(
                        new Query(Criteria.where("memberId")
                                .is(memberId)
                                .and("channel")
                                .is(channel)),
                        ContentItemDocument.class)
                .stream()
                .map(item ->
                        new FeedMatcher.Candidate(item.getId(), item.title, item.url, item.feedEntryKey, item.status))
                .toList();
    }
}
