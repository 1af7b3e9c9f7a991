package dev.rapport.content.feeds;

import dev.rapport.content.domain.FeedEntry;
import dev.rapport.content.domain.FeedMatcher;
import dev.rapport.content.domain.ItemStatus;
import dev.rapport.content.items.ContentItemQueries;
import dev.rapport.content.items.FeedPublishing;
import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.support.web.ApiException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Members' blog feeds: registration and sync. A sync marks the planned item an entry matches as published, or
 * adds the entry as a published item; entries seen before change nothing.
 */
@Service
class FeedService {

    private static final Logger log = LoggerFactory.getLogger(FeedService.class);

    /** Entries older than this before the feed was registered are history: imported without events. */
    static final Duration NEWS_WINDOW = Duration.ofDays(30);

    static final int MAX_FEEDS_PER_MEMBER = 10;

    private final MongoTemplate mongo;
    private final FeedFetcher fetcher;
    private final ContentItemQueries items;
    private final FeedPublishing publishing;
    private final FeedProperties properties;
    private final Clock clock;

    FeedService(
            MongoTemplate mongo,
            FeedFetcher fetcher,
            ContentItemQueries items,
            FeedPublishing publishing,
            FeedProperties properties,
            Clock clock) {
        this.mongo = mongo;
        this.fetcher = fetcher;
        this.items = items;
        this.publishing = publishing;
        this.properties = properties;
        this.clock = clock;
    }

    /** What one sync did. */
    record SyncReport(String feedId, int entries, List<String> published, List<String> added, int alreadyKnown) {}

    FeedDocument register(IdentityAssertion caller, String url, String channel) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw ApiException.invalidField("url", "must be an absolute http or https URL");
        }
        try {
            fetcher.check(uri);
        } catch (FeedProblem e) {
            // A host that does not resolve right now may later (the sync reports it as unreachable, and the guard
            // checks again at every download); a refused address or scheme is refused now, as for webhooks.
            if (e.kind() != FeedProblem.Kind.UNREACHABLE) {
                throw ApiException.invalidField("url", e.getMessage());
            }
        }
        List<FeedDocument> existing = mine(caller);
        if (existing.stream().anyMatch(f -> f.url.equals(uri.toString()))) {
            throw ApiException.conflict("the feed " + uri + " is already registered");
        }
        if (existing.size() >= MAX_FEEDS_PER_MEMBER) {
            throw ApiException.conflict("a member can register at most " + MAX_FEEDS_PER_MEMBER + " feeds");
        }
        FeedDocument feed = new FeedDocument();
        feed.id = new ObjectId().toHexString();
        feed.memberId = caller.memberId();
        feed.tenantId = caller.tenantId();
        feed.url = uri.toString();
        feed.channel = channel == null ? "blog" : channel;
        feed.createdAt = clock.instant();
        feed.lastStatus = "never-synced";
        feed.nextSyncAt = feed.createdAt;
        return mongo.insert(feed);
    }

    List<FeedDocument> mine(IdentityAssertion caller) {
        return mongo.find(new Query(Criteria.where("memberId").is(caller.memberId())), FeedDocument.class);
    }

    FeedDocument get(IdentityAssertion caller, String id) {
        FeedDocument feed = ObjectId.isValid(id) ? mongo.findById(id, FeedDocument.class) : null;
        if (feed == null || !caller.memberId().equals(feed.memberId)) {
            throw ApiException.notFound("feed", id);
        }
        return feed;
    }

    void delete(IdentityAssertion caller, String id) {
        mongo.remove(get(caller, id));
    }

    /** Syncs a feed now for the member; an unreadable feed answers 502 (504 when too slow) and is recorded. */
    SyncReport syncNow(IdentityAssertion caller, String id) {
        FeedDocument feed = get(caller, id);
        try {
            return sync(feed);
        } catch (FeedProblem problem) {
            HttpStatus status =
                    problem.kind() == FeedProblem.Kind.TIMEOUT ? HttpStatus.GATEWAY_TIMEOUT : HttpStatus.BAD_GATEWAY;
            throw new ApiException(
                    status,
                    "Feed unavailable",
                    "the feed at " + feed.url + " " + problem.getMessage(),
                    Map.of("feedId", feed.id, "reason", problem.kind().name().toLowerCase(Locale.ROOT)));
        }
    }

    /** Syncs every feed due, each claimed first so that several instances never sync one feed at once. */
    @Scheduled(
            fixedDelayString = "${rapport.content.feeds.sweep-interval:PT5M}",
            initialDelayString = "${rapport.content.feeds.sweep-interval:PT5M}")
    void syncDue() {
        Instant now = clock.instant();
        FeedDocument feed;
        while ((feed = claimDue(now)) != null) {
            try {
                sync(feed);
            } catch (FeedProblem problem) {
                log.info("Feed {} of member {} not synced: {}", feed.id, feed.memberId, problem.getMessage());
            }
        }
    }

    private FeedDocument claimDue(Instant now) {
        return mongo.findAndModify(
                new Query(Criteria.where("nextSyncAt").lte(now)),
                new Update().set("nextSyncAt", now.plus(properties.syncInterval())),
                FindAndModifyOptions.options().returnNew(true),
                FeedDocument.class);
    }

    private SyncReport sync(FeedDocument feed) throws FeedProblem {
        List<FeedEntry> entries;
        try {
            entries = fetcher.fetch(URI.create(feed.url));
        } catch (FeedProblem problem) {
            record(feed, "failed", problem.getMessage(), 0);
            throw problem;
        }
        List<FeedMatcher.Candidate> candidates = new ArrayList<>(items.feedCandidates(feed.memberId, feed.channel));
        Instant newsSince = feed.createdAt.minus(NEWS_WINDOW);
        List<String> published = new ArrayList<>();
        List<String> added = new ArrayList<>();
        int known = 0;
        for (FeedEntry entry : entries) {
            switch (FeedMatcher.match(entry, candidates)) {
                case FeedMatcher.Outcome.Known k -> known++;
                case FeedMatcher.Outcome.Publishes p -> {
                    publishing.publishFromFeed(feed.memberId, p.itemId(), entry);
                    published.add(p.itemId());
                    candidates.replaceAll(c -> c.itemId().equals(p.itemId())
                            ? new FeedMatcher.Candidate(
                                    c.itemId(), c.title(), entry.url(), entry.key(), ItemStatus.PUBLISHED)
                            : c);
                }
                case FeedMatcher.Outcome.Adds a -> {
                    String itemId = entryItemId(feed, entry);
                    boolean announce =
                            entry.publishedAt() == null || !entry.publishedAt().isBefore(newsSince);
                    if (publishing.addFromFeed(feed.memberId, feed.tenantId, itemId, feed.channel, entry, announce)) {
                        added.add(itemId);
                    } else {
                        known++;
                    }
                    candidates.add(new FeedMatcher.Candidate(
                            itemId, entry.title(), entry.url(), entry.key(), ItemStatus.PUBLISHED));
                }
            }
        }
        record(feed, "ok", null, entries.size());
        return new SyncReport(feed.id, entries.size(), published, added, known);
    }

    private void record(FeedDocument feed, String status, String error, int entries) {
        mongo.updateFirst(
                new Query(Criteria.where("_id").is(new ObjectId(feed.id))),
                new Update()
                        .set("lastSyncedAt", clock.instant())
                        .set("lastStatus", status)
                        .set("lastError", error)
                        .set("lastEntries", entries),
                FeedDocument.class);
        feed.lastSyncedAt = clock.instant();
        feed.lastStatus = status;
        feed.lastError = error;
        feed.lastEntries = entries;
    }

    /** An item id derived from the member, the feed and the entry: a valid ObjectId, the same on every sync. */
    static String entryItemId(FeedDocument feed, FeedEntry entry) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((feed.memberId + "|" + feed.id + "|" + entry.key()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
