package dev.rapport.content.consistency;

import dev.rapport.content.domain.Cadence;
import dev.rapport.content.domain.ChannelConsistency;
import dev.rapport.content.domain.ConsistencyAdvisor;
import dev.rapport.content.domain.ConsistencyAnalyzer;
import dev.rapport.content.domain.ItemStatus;
import dev.rapport.content.domain.PlannedItem;
import dev.rapport.content.domain.Suggestion;
import dev.rapport.content.items.ContentItemDocument;
import dev.rapport.content.items.ContentItemQueries;
import dev.rapport.content.plan.ContentPlanService;
import dev.rapport.content.plan.MemberPlan;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Service;

/** Builds a member's consistency report from their plan and items. */
@Service
class ConsistencyService {

    /** A pillar with nothing published in this many days is pointed out. */
    static final int PILLAR_DAYS = 90;

    private final ContentPlanService plans;
    private final ContentItemQueries items;
    private final Clock clock;

    ConsistencyService(ContentPlanService plans, ContentItemQueries items, Clock clock) {
        this.plans = plans;
        this.items = items;
        this.clock = clock;
    }

    ConsistencyReport report(String memberId, int window, Locale locale) {
        Instant now = clock.instant();
        MemberPlan plan = plans.of(memberId).orElse(null);
        ZoneId zone = plan == null ? ZoneOffset.UTC : plan.zone();
        LocalDate today = now.atZone(zone).toLocalDate();
        if (plan == null) {
            return new ConsistencyReport(today, zone.getId(), window, List.of(), List.of());
        }
        List<ContentItemDocument> all = items.ofMember(memberId);
        List<String> neglected = neglectedPillars(plan, all, now);
        List<ConsistencyReport.Channel> channels = new ArrayList<>();
        for (Cadence cadence : plan.cadences()) {
            String channel = cadence.channel();
            List<ContentItemDocument> own =
                    all.stream().filter(i -> channel.equals(i.channel())).toList();
            List<LocalDate> published = own.stream()
                    .filter(i -> i.status() == ItemStatus.PUBLISHED)
                    .map(i -> i.publishedAt().atZone(zone).toLocalDate())
                    .toList();
            List<ContentItemDocument> scheduled = own.stream()
                    .filter(i -> i.status() == ItemStatus.SCHEDULED
                            && i.scheduledFor().isAfter(now))
                    .sorted(Comparator.comparing(ContentItemDocument::scheduledFor))
                    .toList();
            LocalDate since = plan.cadenceSetAt().get(channel).atZone(zone).toLocalDate();
            ChannelConsistency consistency = ConsistencyAnalyzer.analyze(
                    cadence,
                    since,
                    published,
                    scheduled.stream()
                            .map(i -> i.scheduledFor().atZone(zone).toLocalDate())
                            .toList(),
                    today,
                    window);
            List<PlannedItem> drafts = own.stream()
                    .filter(i -> i.status() == ItemStatus.DRAFT)
                    .map(i -> new PlannedItem(i.getId(), i.title(), null))
                    .toList();
            int ideas = (int)
                    own.stream().filter(i -> i.status() == ItemStatus.IDEA).count();
            List<Suggestion> suggestions = ConsistencyAdvisor.forChannel(
                    consistency,
                    scheduled.stream()
                            .map(i -> new PlannedItem(i.getId(), i.title(), i.scheduledFor()))
                            .toList(),
                    drafts,
                    ideas,
                    ContentItemQueries.freeSlots(plan, channel, now, null, all, null, scheduled.size() + 1),
                    neglected.isEmpty()
                            ? (plan.pillars().isEmpty() ? null : plan.pillars().getFirst())
                            : neglected.getFirst(),
                    zone,
                    locale);
            channels.add(ConsistencyReport.Channel.of(consistency, suggestions));
        }
        List<Suggestion> overall = neglected.stream()
                .map(pillar -> ConsistencyAdvisor.neglectedPillar(pillar, PILLAR_DAYS, locale))
                .toList();
        return new ConsistencyReport(today, zone.getId(), window, channels, overall);
    }

    /** Pillars with nothing published in the last {@link #PILLAR_DAYS} days, once the plan is that old. */
    private static List<String> neglectedPillars(MemberPlan plan, List<ContentItemDocument> all, Instant now) {
        Instant since = now.minus(Duration.ofDays(PILLAR_DAYS));
        boolean planOldEnough = plan.cadenceSetAt().values().stream().anyMatch(at -> at.isBefore(since));
        if (!planOldEnough) {
            return List.of();
        }
        return plan.pillars().stream()
                .filter(pillar -> all.stream()
                        .noneMatch(i -> i.status() == ItemStatus.PUBLISHED
                                && i.publishedAt().isAfter(since)
                                && i.pillars().contains(pillar)))
                .toList();
    }
}
