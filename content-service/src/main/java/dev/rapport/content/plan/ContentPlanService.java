package dev.rapport.content.plan;

import dev.rapport.content.domain.Cadence;
import dev.rapport.content.domain.CadencePeriod;
import dev.rapport.content.domain.PostingSlot;
import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.support.web.ApiException;
import dev.rapport.support.web.ConditionalRequests;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/** Reads and writes members' content plans, and hands them to the other features in domain terms. */
@Service
public class ContentPlanService {

    static final ContentPlan EMPTY = new ContentPlan(null, List.of(), List.of(), "UTC", List.of());

    private final MongoTemplate mongo;
    private final Clock clock;

    ContentPlanService(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** The stored plan of a member and its version, or the empty plan (version null). */
    Versioned read(String memberId) {
        ContentPlanDocument stored = mongo.findById(memberId, ContentPlanDocument.class);
        return stored == null ? new Versioned(EMPTY, null) : new Versioned(normalized(stored.plan), stored.version);
    }

    /** A plan as the API shows it, with its version for ETags. */
    record Versioned(ContentPlan plan, Long version) {}

    /** Replaces the caller's plan; {@code ifMatch} (a version) guards against lost updates. */
    Versioned replace(IdentityAssertion caller, ContentPlan plan, Long ifMatch) {
        String zone = plan.timeZone() == null ? "UTC" : plan.timeZone();
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw ApiException.invalidField("timeZone", "is not a time zone id such as Europe/Madrid");
        }
        List<ContentPlan.Cadence> cadences = plan.cadences() == null ? List.of() : plan.cadences();
        Set<String> channels = new HashSet<>();
        for (int i = 0; i < cadences.size(); i++) {
            if (!channels.add(cadences.get(i).channel())) {
                throw ApiException.invalidField(
                        "cadences[" + i + "].channel",
                        "channel " + cadences.get(i).channel() + " has two cadences");
            }
        }
        ContentPlanDocument stored = mongo.findById(caller.memberId(), ContentPlanDocument.class);
        ConditionalRequests.requireVersion(ifMatch, stored == null || stored.version == null ? 0 : stored.version);
        Instant now = clock.instant();
        if (stored == null) {
            stored = new ContentPlanDocument();
            stored.memberId = caller.memberId();
            stored.tenantId = caller.tenantId();
        }
        stored.cadenceSetAt = cadenceSetAt(stored, cadences, now);
        stored.plan = new ContentPlan(
                plan.brandStatement(),
                plan.pillars() == null ? List.of() : plan.pillars(),
                cadences,
                zone,
                plan.postingSlots() == null
                        ? List.of()
                        : plan.postingSlots().stream()
                                .map(s -> new ContentPlan.PostingSlot(
                                        s.day().toLowerCase(Locale.ROOT), s.time(), s.channel()))
                                .toList());
        stored.updatedAt = now;
        // A changed cadence is looked at by the next sweep.
        stored.nextCadenceCheckAt = now;
        ContentPlanDocument saved = mongo.save(stored);
        return new Versioned(saved.plan, saved.version);
    }

    /** An unchanged cadence keeps its start; a new or changed one starts now. */
    private static Map<String, Instant> cadenceSetAt(
            ContentPlanDocument stored, List<ContentPlan.Cadence> cadences, Instant now) {
        Map<String, Instant> since = new HashMap<>();
        for (ContentPlan.Cadence cadence : cadences) {
            Instant previous = null;
            if (stored.plan != null && stored.plan.cadences() != null) {
                boolean unchanged = stored.plan.cadences().stream()
                        .anyMatch(old -> old.channel().equals(cadence.channel())
                                && old.perPeriod() == cadence.perPeriod()
                                && old.period().equals(cadence.period()));
                if (unchanged) {
                    previous = stored.cadenceSetAt == null ? null : stored.cadenceSetAt.get(cadence.channel());
                    previous = previous == null ? stored.updatedAt : previous;
                }
            }
            since.put(cadence.channel(), previous == null ? now : previous);
        }
        return since;
    }

    /** The member's plan in domain terms, if they have one. */
    public Optional<MemberPlan> of(String memberId) {
        ContentPlanDocument stored = mongo.findById(memberId, ContentPlanDocument.class);
        return Optional.ofNullable(stored).map(ContentPlanService::toMember);
    }

    /** The time zone of a member (UTC without a plan). */
    public ZoneId zoneOf(String memberId) {
        return of(memberId).map(MemberPlan::zone).orElse(ZoneOffset.UTC);
    }

    /** Plans whose cadences are due for a slip check at {@code now}. */
    public List<MemberPlan> dueForCadenceCheck(Instant now, int limit) {
        Query due = new Query(new Criteria()
                        .orOperator(
                                Criteria.where("nextCadenceCheckAt").lte(now),
                                Criteria.where("nextCadenceCheckAt").exists(false)))
                .limit(limit);
        return mongo.find(due, ContentPlanDocument.class).stream()
                .map(ContentPlanService::toMember)
                .toList();
    }

    /** Records when a plan must next be checked; a plan changed meanwhile (checked again now) is left alone. */
    public void cadenceChecked(String memberId, Instant checkedAt, Instant next) {
        mongo.updateFirst(
                new Query(Criteria.where("_id")
                        .is(memberId)
                        .and("nextCadenceCheckAt")
                        .lte(checkedAt)),
                new Update().set("nextCadenceCheckAt", next),
                ContentPlanDocument.class);
    }

    static String etag(Long version) {
        return ConditionalRequests.etag(version);
    }

    private static ContentPlan normalized(ContentPlan plan) {
        return new ContentPlan(
                plan.brandStatement(),
                plan.pillars() == null ? List.of() : plan.pillars(),
                plan.cadences() == null ? List.of() : plan.cadences(),
                plan.timeZone() == null ? "UTC" : plan.timeZone(),
                plan.postingSlots() == null ? List.of() : plan.postingSlots());
    }

    private static MemberPlan toMember(ContentPlanDocument stored) {
        ContentPlan plan = normalized(stored.plan);
        Map<String, Instant> since = new HashMap<>();
        for (ContentPlan.Cadence cadence : plan.cadences()) {
            Instant at = stored.cadenceSetAt == null ? null : stored.cadenceSetAt.get(cadence.channel());
            since.put(cadence.channel(), at == null ? stored.updatedAt : at);
        }
        return new MemberPlan(
                stored.memberId,
                stored.tenantId,
                ZoneId.of(plan.timeZone()),
                plan.pillars(),
                plan.cadences().stream()
                        .map(c -> new Cadence(c.channel(), c.perPeriod(), CadencePeriod.of(c.period())))
                        .toList(),
                plan.postingSlots().stream()
                        .map(s -> new PostingSlot(
                                DayOfWeek.valueOf(s.day().toUpperCase(Locale.ROOT)),
                                LocalTime.parse(s.time()),
                                s.channel()))
                        .toList(),
                Map.copyOf(since));
    }
}
