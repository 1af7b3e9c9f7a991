package dev.rapport.contacts.directory;

import dev.rapport.contacts.contacts.ContactQueries;
import dev.rapport.contacts.contacts.DirectoryFollowing;
import dev.rapport.contacts.directory.domain.DirectoryProfile;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Follows each tenant's alumni directory: asks for the profiles updated since the last complete
 * sync, page by page, links the tenant's contacts to the profiles they are (by profile URL or
 * e-mail) and hands every linked profile to {@link DirectoryFollowing#followDirectoryProfile}, which
 * records a new job or a promotion when the employer or title changed. Progress is saved after
 * each page; one instance syncs a tenant at a time (a lease).
 */
@Service
public class DirectorySync {

    private static final Logger log = LoggerFactory.getLogger(DirectorySync.class);
    /** How many skipped records a run keeps for operators to look at (all are counted and logged). */
    private static final int KEPT_MALFORMED = 100;

    private final DirectoryClient client;
    private final DirectoryFollowing following;
    private final ContactQueries queries;
    private final MongoTemplate mongo;
    private final DirectoryProperties settings;
    private final MeterRegistry meters;
    private final Clock clock;

    DirectorySync(
            DirectoryClient client,
            DirectoryFollowing following,
            ContactQueries queries,
            MongoTemplate mongo,
            DirectoryProperties settings,
            MeterRegistry meters,
            Clock clock) {
        this.client = client;
        this.following = following;
        this.queries = queries;
        this.mongo = mongo;
        this.settings = settings;
        this.meters = meters;
        this.clock = clock;
    }

    /** A directory record that was skipped: the page (its cursor), its position there, its id if any, and why. */
    public record Skipped(String cursor, int position, String profileId, String reason) {}

    /** What one run of a tenant's sync did. */
    public record Report(
            String tenantId,
            boolean completed,
            int pages,
            int profiles,
            int linked,
            int milestones,
            List<Skipped> malformed,
            String error) {}

    @Scheduled(
            fixedDelayString = "${rapport.contacts.directory.poll-interval:PT15M}",
            initialDelayString = "${rapport.contacts.directory.poll-interval:PT15M}")
    void poll() {
        for (Map.Entry<String, DirectoryProperties.Tenant> tenant :
                settings.tenants().entrySet()) {
            if (tenant.getValue().enabled()) {
                try {
                    sync(tenant.getKey());
                } catch (RuntimeException e) {
                    log.warn("Directory sync of tenant {} failed: {}", tenant.getKey(), e.toString());
                }
            }
        }
    }

    /**
     * Runs one tenant's sync to its end (or until the directory fails, leaving the cursor where it
     * stopped). Null when another instance is syncing the tenant.
     */
    public Report sync(String tenantId) {
        DirectoryProperties.Tenant tenant = settings.tenants().get(tenantId);
        if (tenant == null || !tenant.enabled()) {
            throw new IllegalArgumentException("no directory configured for tenant " + tenantId);
        }
        Instant startedAt = clock.instant();
        if (!claim(tenantId, startedAt)) {
            return null;
        }
        DirectorySyncState state = mongo.findById(tenantId, DirectorySyncState.class);
        List<Skipped> malformed = new ArrayList<>();
        int pages = 0;
        int profiles = 0;
        int linked = 0;
        int milestones = 0;
        String error = null;
        boolean completed = false;
        try {
            following.backfillMatchKeys(tenantId);
            while (true) {
                String cursor = state.cursor;
                DirectoryClient.Page page = client.page(tenant, state.updatedSince, cursor);
                pages++;
                for (DirectoryClient.Malformed bad : page.malformed()) {
                    log.warn(
                            "Directory of tenant {}: record {} of page {} skipped ({}): {}",
                            tenantId,
                            bad.position(),
                            cursor,
                            bad.profileId(),
                            bad.reason());
                    meters.counter("rapport.directory.malformed", "tenant", tenantId)
                            .increment();
                    if (malformed.size() < KEPT_MALFORMED) {
                        malformed.add(new Skipped(cursor, bad.position(), bad.profileId(), bad.reason()));
                    }
                }
                int[] done = follow(tenantId, page.profiles());
                profiles += page.profiles().size();
                linked += done[0];
                milestones += done[1];
                for (DirectoryProfile profile : page.profiles()) {
                    if (state.highWater == null || profile.updatedAt().isAfter(state.highWater)) {
                        state.highWater = profile.updatedAt();
                    }
                }
                state.cursor = page.nextCursor();
                if (state.cursor == null) {
                    // The run is complete: the next one asks for what changed since the latest update seen.
                    if (state.highWater != null) {
                        state.updatedSince = state.highWater;
                    }
                    state.highWater = null;
                    completed = true;
                }
                saveProgress(state);
                if (completed) {
                    break;
                }
            }
        } catch (DirectoryClient.DirectoryUnavailableException e) {
            error = e.getMessage();
            log.warn("Directory sync of tenant {} stopped, it resumes from the same page: {}", tenantId, error);
        } finally {
            DirectorySyncState.Run run = new DirectorySyncState.Run(
                    startedAt, clock.instant(), completed, pages, profiles, linked, milestones, malformed, error);
            mongo.updateFirst(
                    Query.query(Criteria.where("_id").is(tenantId)),
                    new Update().set("lastRun", run).unset("leaseUntil"),
                    DirectorySyncState.class);
        }
        return new Report(tenantId, completed, pages, profiles, linked, milestones, List.copyOf(malformed), error);
    }

    /** Links and follows one page of profiles: one query for the page's candidates, then one write per change. */
    private int[] follow(String tenantId, List<DirectoryProfile> page) {
        if (page.isEmpty()) {
            return new int[] {0, 0};
        }
        Set<String> keys = new HashSet<>();
        List<String> ids = new ArrayList<>();
        for (DirectoryProfile profile : page) {
            keys.addAll(profile.matchKeys());
            ids.add(profile.id());
        }
        List<ContactQueries.Linkable> candidates = queries.linkable(tenantId, keys, ids);
        int linked = 0;
        int milestones = 0;
        for (DirectoryProfile profile : page) {
            List<String> profileKeys = profile.matchKeys();
            for (ContactQueries.Linkable contact : candidates) {
                boolean isLinked = profile.id().equals(contact.linkedProfileId());
                boolean matches = contact.linkedProfileId() == null && intersects(contact.matchKeys(), profileKeys);
                if (!isLinked && !matches) {
                    continue;
                }
                linked++;
                boolean recorded = following
                        .followDirectoryProfile(
                                contact.memberId(),
                                contact.contactId(),
                                new DirectoryFollowing.FollowedProfile(
                                        profile.id(),
                                        profile.employer(),
                                        profile.title(),
                                        LocalDate.ofInstant(profile.updatedAt(), ZoneOffset.UTC)))
                        .isPresent();
                if (recorded) {
                    milestones++;
                }
            }
        }
        return new int[] {linked, milestones};
    }

    private static boolean intersects(Collection<String> a, Collection<String> b) {
        for (String key : b) {
            if (a.contains(key)) {
                return true;
            }
        }
        return false;
    }

    /** Takes the tenant's lease unless another instance holds a live one. */
    private boolean claim(String tenantId, Instant now) {
        try {
            DirectorySyncState fresh = new DirectorySyncState();
            fresh.tenantId = tenantId;
            mongo.insert(fresh);
        } catch (DuplicateKeyException alreadyThere) {
            // The state of earlier runs: claimed below like any other.
        }
        return mongo.updateFirst(
                                Query.query(new Criteria()
                                        .andOperator(
                                                Criteria.where("_id").is(tenantId),
                                                new Criteria()
                                                        .orOperator(
                                                                Criteria.where("leaseUntil")
                                                                        .is(null),
                                                                Criteria.where("leaseUntil")
                                                                        .lt(now)))),
                                new Update().set("leaseUntil", now.plus(settings.lease())),
                                DirectorySyncState.class)
                        .getModifiedCount()
                == 1;
    }

    private void saveProgress(DirectorySyncState state) {
        mongo.updateFirst(
                Query.query(Criteria.where("_id").is(state.tenantId)),
                new Update()
                        .set("cursor", state.cursor)
                        .set("highWater", state.highWater)
                        .set("updatedSince", state.updatedSince),
                DirectorySyncState.class);
    }
}
