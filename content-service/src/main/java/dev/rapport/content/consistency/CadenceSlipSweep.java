package dev.rapport.content.consistency;

import dev.rapport.content.domain.Cadence;
import dev.rapport.content.domain.CadenceSlips;
import dev.rapport.content.items.ContentItemDocument;
import dev.rapport.content.items.ContentItemQueries;
import dev.rapport.content.plan.ContentPlanService;
import dev.rapport.content.plan.MemberPlan;
import dev.rapport.contracts.events.ContentCadenceSlipped;
import dev.rapport.contracts.events.PublishingPeriod;
import dev.rapport.support.events.Aggregates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Publishes ContentCadenceSlipped once per missed period per channel. Safe with several instances: each slip
 * is claimed by inserting a document whose id is member + channel + period (only one insert can win), and
 * the event is in that same document's outbox.
 */
@Component
class CadenceSlipSweep {

    private static final Logger log = LoggerFactory.getLogger(CadenceSlipSweep.class);
    static final int BATCH = 500;

    private final ContentPlanService plans;
    private final ContentItemQueries items;
    private final MongoTemplate mongo;
    private final Aggregates aggregates;
    private final Clock clock;

    CadenceSlipSweep(
            ContentPlanService plans,
            ContentItemQueries items,
            MongoTemplate mongo,
            Aggregates aggregates,
            Clock clock) {
        this.plans = plans;
        this.items = items;
        this.mongo = mongo;
        this.aggregates = aggregates;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${rapport.content.cadence-check-interval:PT10M}",
            initialDelayString = "${rapport.content.cadence-check-interval:PT10M}")
    void sweep() {
        int slips = checkDue(clock.instant());
        if (slips > 0) {
            log.info("Cadence sweep: {} missed periods announced", slips);
        }
    }

    /**
     * Checks every plan due at {@code now}.
     *
     * @return how many slips this call announced (a slip another instance claimed first is not counted)
     */
    int checkDue(Instant now) {
        int announced = 0;
        for (MemberPlan plan : plans.dueForCadenceCheck(now, BATCH)) {
            announced += check(plan, now);
        }
        return announced;
    }

    private int check(MemberPlan plan, Instant now) {
        ZoneId zone = plan.zone();
        LocalDate today = now.atZone(zone).toLocalDate();
        int announced = 0;
        Instant next = null;
        for (Cadence cadence : plan.cadences()) {
            LocalDate since =
                    plan.cadenceSetAt().get(cadence.channel()).atZone(zone).toLocalDate();
            LocalDate lookFrom = cadence.period().startOf(today);
            for (int i = 0; i < CadenceSlips.LOOK_BACK; i++) {
                lookFrom = cadence.period().previous(lookFrom);
            }
            List<LocalDate> published = items
                    .publishedSince(
                            plan.memberId(),
                            cadence.channel(),
                            lookFrom.atStartOfDay(zone).toInstant())
                    .stream()
                    .map(ContentItemDocument::publishedAt)
                    .map(at -> at.atZone(zone).toLocalDate())
                    .toList();
            for (CadenceSlips.Slip slip : CadenceSlips.missed(cadence, since, published, today)) {
                announced += claim(plan, cadence, slip, now) ? 1 : 0;
            }
            Instant periodEnd = cadence.period()
                    .next(cadence.period().startOf(today))
                    .atStartOfDay(zone)
                    .toInstant();
            next = next == null || periodEnd.isBefore(next) ? periodEnd : next;
        }
        plans.cadenceChecked(plan.memberId(), now, next == null ? now.plus(Duration.ofDays(7)) : next);
        return announced;
    }

    private boolean claim(MemberPlan plan, Cadence cadence, CadenceSlips.Slip slip, Instant now) {
        CadenceSlipDocument claim = new CadenceSlipDocument(
                plan.memberId(),
                plan.tenantId(),
                cadence.channel(),
                slip.start().toString());
        claim.periodEnd = slip.end().toString();
        claim.target = slip.target();
        claim.published = slip.published();
        claim.detectedAt = now;
        claim.record(h -> new ContentCadenceSlipped(
                h.at(now),
                cadence.channel(),
                slip.start(),
                slip.end(),
                slip.target(),
                slip.published(),
                PublishingPeriod.of(cadence.period().id())));
        try {
            aggregates.insert(claim);
            return true;
        } catch (DuplicateKeyException claimedBefore) {
            return false;
        }
    }
}
