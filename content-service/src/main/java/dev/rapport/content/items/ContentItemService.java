package dev.rapport.content.items;

import dev.rapport.content.domain.ItemStatus;
import dev.rapport.content.domain.SlotPlanner;
import dev.rapport.content.plan.ContentPlanService;
import dev.rapport.content.plan.MemberPlan;
import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.support.events.Aggregates;
import dev.rapport.support.web.ApiException;
import dev.rapport.support.web.ConditionalRequests;
import dev.rapport.support.web.CursorPage;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bson.types.ObjectId;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Content items: creation and the idea → draft → scheduled → published → archived lifecycle. Every change is
 * saved with its events in the item's outbox. What other features read is in {@link ContentItemQueries}, what
 * the blog-feed sync changes in {@link FeedPublishing}.
 */
@Service
public class ContentItemService {

    private final MongoTemplate mongo;
    private final ContentPlanService plans;
    private final ContentItemQueries queries;
    private final Aggregates aggregates;
    private final Clock clock;

    ContentItemService(
            MongoTemplate mongo,
            ContentPlanService plans,
            ContentItemQueries queries,
            Aggregates aggregates,
            Clock clock) {
        this.mongo = mongo;
        this.plans = plans;
        this.queries = queries;
        this.aggregates = aggregates;
        this.clock = clock;
    }

    ContentItemDocument create(IdentityAssertion caller, ItemRequests.NewItem request) {
        Instant now = clock.instant();
        ItemStatus status = request.status() == null ? ItemStatus.IDEA : ItemStatus.of(request.status());
        Optional<MemberPlan> plan = plans.of(caller.memberId());
        ContentItemDocument item =
                new ContentItemDocument(new ObjectId().toHexString(), caller.memberId(), caller.tenantId(), now);
        item.title = request.title().trim();
        item.channel = request.channel();
        item.format = request.format();
        item.pillars = pillars(plan, request.pillars());
        item.topics = topics(request.topics());
        item.notes = request.notes();
        item.url = url("url", request.url());
        item.status = status;
        if (status == ItemStatus.SCHEDULED) {
            item.scheduledFor = future("scheduledFor", request.scheduledFor(), now);
        } else if (request.scheduledFor() != null) {
            throw ApiException.invalidField("scheduledFor", "only a scheduled item has a slot: set status scheduled");
        }
        item.recordPlanned();
        if (status == ItemStatus.SCHEDULED) {
            item.recordScheduled();
        }
        return aggregates.insert(item);
    }

    ContentItemDocument get(IdentityAssertion caller, String id) {
        ContentItemDocument item = ObjectId.isValid(id) ? mongo.findById(id, ContentItemDocument.class) : null;
        if (item == null || !caller.memberId().equals(item.getMemberId())) {
            throw ApiException.notFound("content item", id);
        }
        return item;
    }

    ContentItemDocument update(IdentityAssertion caller, String id, Long ifMatch, ItemRequests.ItemPatch patch) {
        ContentItemDocument item = get(caller, id);
        ConditionalRequests.requireVersion(ifMatch, item.getVersion());
        if (item.status == ItemStatus.ARCHIVED) {
            throw ApiException.conflict("item " + id + " is archived: an archived item is final, create a new item");
        }
        Instant now = clock.instant();
        ItemStatus target = patch.status() == null ? item.status : ItemStatus.of(patch.status());
        item.status.refusalTo(target).ifPresent(reason -> {
            throw ApiException.conflict(reason);
        });
        if (patch.title() != null) {
            if (patch.title().isBlank()) {
                throw ApiException.invalidField("title", "must not be blank");
            }
            item.title = patch.title().trim();
        }
        if (patch.channel() != null && !patch.channel().equals(item.channel)) {
            if (item.status == ItemStatus.PUBLISHED) {
                throw ApiException.conflict(
                        "item " + id + " is published on " + item.channel + ": its channel cannot change");
            }
            item.channel = patch.channel();
        }
        if (patch.format() != null) {
            item.format = patch.format();
        }
        if (patch.pillars() != null) {
            item.pillars = pillars(plans.of(caller.memberId()), patch.pillars());
        }
        if (patch.topics() != null) {
            item.topics = topics(patch.topics());
        }
        if (patch.notes() != null) {
            item.notes = patch.notes();
        }
        if (patch.url() != null) {
            item.url = url("url", patch.url());
        }
        if (patch.publishedAt() != null && target != ItemStatus.PUBLISHED) {
            throw ApiException.invalidField("publishedAt", "only a published item has a publication date");
        }
        if (patch.scheduledFor() != null && target != ItemStatus.SCHEDULED) {
            throw ApiException.invalidField(
                    "scheduledFor", "only a scheduled item has a slot: set status scheduled or use POST …/schedule");
        }
        if (target != item.status || patch.scheduledFor() != null) {
            switch (target) {
                case SCHEDULED ->
                    schedule(item, patch.scheduledFor() == null ? item.scheduledFor : patch.scheduledFor(), now);
                case PUBLISHED -> publish(item, patch.publishedAt(), null, now);
                case IDEA, DRAFT, ARCHIVED -> {
                    if (target != ItemStatus.ARCHIVED) {
                        item.scheduledFor = null;
                    }
                    item.status = target;
                }
            }
        }
        item.updatedAt = now;
        return aggregates.save(item);
    }

    ContentItemDocument publish(IdentityAssertion caller, String id, ItemRequests.Publish request) {
        ContentItemDocument item = get(caller, id);
        if (item.status == ItemStatus.PUBLISHED) {
            throw ApiException.conflict("item " + id + " is already published (" + item.publishedAt + ")");
        }
        item.status.refusalTo(ItemStatus.PUBLISHED).ifPresent(reason -> {
            throw ApiException.conflict(reason);
        });
        Instant now = clock.instant();
        publish(item, request == null ? null : request.publishedAt(), request == null ? null : request.url(), now);
        item.updatedAt = now;
        return aggregates.save(item);
    }

    ContentItemDocument schedule(IdentityAssertion caller, String id, ItemRequests.Schedule request) {
        ContentItemDocument item = get(caller, id);
        item.status.refusalTo(ItemStatus.SCHEDULED).ifPresent(reason -> {
            throw ApiException.conflict(reason);
        });
        Instant now = clock.instant();
        Instant at = request == null ? null : request.scheduledFor();
        if (at == null) {
            at = queries.nextFreeSlots(caller.memberId(), item.channel, 1, item.getId()).stream()
                    .findFirst()
                    .map(ZonedDateTime::toInstant)
                    .orElseThrow(() -> ApiException.conflict("your plan has no posting slot for channel " + item.channel
                            + " in the next " + SlotPlanner.HORIZON_DAYS + " days: add postingSlots to the plan"));
        }
        schedule(item, at, now);
        item.updatedAt = now;
        return aggregates.save(item);
    }

    CursorPage<ContentItemDocument> list(
            IdentityAssertion caller, String status, String channel, String pillar, String cursor, int limit) {
        List<Criteria> criteria = new ArrayList<>();
        criteria.add(Criteria.where("memberId").is(caller.memberId()));
        if (status != null) {
            criteria.add(Criteria.where("status").is(ItemStatus.of(status)));
        }
        if (channel != null) {
            criteria.add(Criteria.where("channel").is(channel));
        }
        if (pillar != null) {
            Optional<String> named = plans.of(caller.memberId()).flatMap(p -> p.pillarNamed(pillar));
            criteria.add(Criteria.where("pillars").is(named.orElse(pillar)));
        }
        Query all = new Query(new Criteria().andOperator(List.copyOf(criteria)));
        if (cursor != null) {
            if (!ObjectId.isValid(cursor)) {
                throw ApiException.invalidField("cursor", "is not a cursor this API returned");
            }
            criteria.add(Criteria.where("_id").gt(new ObjectId(cursor)));
        }
        List<ContentItemDocument> found = mongo.find(
                new Query(new Criteria().andOperator(criteria))
                        .with(Sort.by("_id"))
                        .limit(limit + 1),
                ContentItemDocument.class);
        // A first page that holds every match is its own count: only longer lists pay for a second query.
        long total =
                cursor == null && found.size() <= limit ? found.size() : mongo.count(all, ContentItemDocument.class);
        String next = null;
        if (found.size() > limit) {
            found = found.subList(0, limit);
            next = found.getLast().getId();
        }
        return new CursorPage<>(found, total, next);
    }

    static String etag(ContentItemDocument item) {
        return ConditionalRequests.etag(item.getVersion());
    }

    private void schedule(ContentItemDocument item, Instant at, Instant now) {
        Instant slot = future("scheduledFor", at, now);
        if (item.status != ItemStatus.SCHEDULED || !slot.equals(item.scheduledFor)) {
            item.schedule(slot);
        }
    }

    private void publish(ContentItemDocument item, Instant publishedAt, String url, Instant now) {
        Instant at = publishedAt == null ? now : publishedAt;
        if (at.isAfter(now)) {
            throw ApiException.invalidField("publishedAt", "must not be in the future: schedule the item instead");
        }
        if (url != null) {
            item.url = url("url", url);
        }
        item.publish(at);
    }

    private static Instant future(String field, Instant at, Instant now) {
        if (at == null) {
            throw ApiException.invalidField(field, "is required to schedule an item");
        }
        if (!at.isAfter(now)) {
            throw ApiException.invalidField(field, "must be in the future");
        }
        return at;
    }

    private static List<String> pillars(Optional<MemberPlan> plan, List<String> requested) {
        if (requested == null) {
            return List.of();
        }
        List<String> pillars = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            String name = requested.get(i);
            if (plan.isEmpty() || plan.get().pillars().isEmpty()) {
                pillars.add(name.trim());
                continue;
            }
            int index = i;
            pillars.add(plan.get()
                    .pillarNamed(name)
                    .orElseThrow(() -> ApiException.invalidField(
                            "pillars[" + index + "]",
                            "is not a pillar of your plan ("
                                    + String.join(", ", plan.get().pillars()) + ")")));
        }
        return List.copyOf(new LinkedHashSet<>(pillars));
    }

    static List<String> topics(List<String> requested) {
        if (requested == null) {
            return List.of();
        }
        LinkedHashSet<String> topics = new LinkedHashSet<>();
        for (String topic : requested) {
            if (topic != null && !topic.isBlank()) {
                topics.add(topic.trim().toLowerCase(Locale.ROOT));
            }
        }
        return List.copyOf(topics);
    }

    /** An absolute http(s) URL, or null. */
    static String url(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(value.trim());
            if (uri.getScheme() == null
                    || !List.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))
                    || uri.getHost() == null) {
                throw ApiException.invalidField(field, "must be an absolute http or https URL");
            }
            return uri.toString();
        } catch (URISyntaxException e) {
            throw ApiException.invalidField(field, "must be an absolute http or https URL");
        }
    }
}
