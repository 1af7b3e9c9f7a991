package dev.rapport.content.domain;

import dev.rapport.content.domain.ChannelConsistency.CurrentPeriod;
import dev.rapport.content.domain.ChannelConsistency.Gap;
import dev.rapport.content.domain.ChannelConsistency.PeriodTally;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Judges a channel's publishing history against its cadence.
 *
 * <p>The score rewards spacing, not volume: {@code 100 × (0.6 × coverage + 0.2 × evenness + 0.2 × continuity)}
 * where coverage is the share of periods that met the cadence, evenness is the share of items that were not
 * extra to their period's target, and continuity is one minus the longest gap's share of the window. Twelve
 * weekly posts, one a week, score 100; the same twelve in three bursts of four score 25.
 */
public final class ConsistencyAnalyzer {

    /** Completed periods judged when the caller does not say. */
    public static final int DEFAULT_WINDOW = 12;

    private ConsistencyAnalyzer() {}

    /**
     * @param cadence the channel's target
     * @param cadenceSince the day the member set this cadence (its first full period is the first judged, unless
     *     older publications on the channel reach further back)
     * @param published the days (in the member's time zone) items went out on the channel
     * @param scheduled the days items are scheduled on the channel
     * @param today today in the member's time zone
     * @param window how many completed periods to judge at most
     */
    public static ChannelConsistency analyze(
            Cadence cadence,
            LocalDate cadenceSince,
            Collection<LocalDate> published,
            Collection<LocalDate> scheduled,
            LocalDate today,
            int window) {
        CadencePeriod period = cadence.period();
        LocalDate currentStart = period.startOf(today);
        LocalDate windowStart = currentStart;
        for (int i = 0; i < window; i++) {
            windowStart = period.previous(windowStart);
        }
        LocalDate trackedFrom = period.firstFullPeriodFrom(cadenceSince);
        for (LocalDate day : published) {
            if (day.isBefore(trackedFrom)) {
                trackedFrom = period.startOf(day);
            }
        }
        if (trackedFrom.isBefore(windowStart)) {
            trackedFrom = windowStart;
        }

        List<PeriodTally> periods = new ArrayList<>();
        for (LocalDate start = trackedFrom; start.isBefore(currentStart); start = period.next(start)) {
            int count = countIn(published, start, period.next(start));
            periods.add(new PeriodTally(
                    start,
                    period.next(start).minusDays(1),
                    count,
                    count >= cadence.perPeriod(),
                    count >= cadence.burstThreshold()));
        }
        LocalDate currentEnd = period.next(currentStart);
        CurrentPeriod current = new CurrentPeriod(
                currentStart,
                currentEnd.minusDays(1),
                cadence.perPeriod(),
                countIn(published, currentStart, currentEnd),
                countIn(scheduled, currentStart, currentEnd));

        List<Gap> gaps = gaps(periods);
        int met = (int) periods.stream().filter(PeriodTally::met).count();
        int publishedInWindow =
                periods.stream().mapToInt(PeriodTally::published).sum() + current.published();
        return new ChannelConsistency(
                cadence,
                trackedFrom,
                List.copyOf(periods),
                met,
                currentStreak(periods, current),
                longestStreak(periods, current),
                publishedInWindow,
                gaps,
                periods.stream().filter(PeriodTally::burst).toList(),
                current,
                score(cadence, periods, gaps));
    }

    /** The 0–100 score of completed periods (null when there are none). */
    static Integer score(Cadence cadence, List<PeriodTally> periods, List<Gap> gaps) {
        if (periods.isEmpty()) {
            return null;
        }
        int judged = periods.size();
        int total = 0;
        int extra = 0;
        int met = 0;
        for (PeriodTally tally : periods) {
            total += tally.published();
            extra += Math.max(0, tally.published() - cadence.perPeriod());
            met += tally.met() ? 1 : 0;
        }
        double coverage = (double) met / judged;
        double evenness = total == 0 ? 0 : 1 - (double) extra / total;
        int longestGap = gaps.stream().mapToInt(Gap::periods).max().orElse(0);
        double continuity = 1 - (double) longestGap / judged;
        return (int) Math.round(100 * (0.6 * coverage + 0.2 * evenness + 0.2 * continuity));
    }

    private static int countIn(Collection<LocalDate> days, LocalDate fromInclusive, LocalDate toExclusive) {
        int count = 0;
        for (LocalDate day : days) {
            if (!day.isBefore(fromInclusive) && day.isBefore(toExclusive)) {
                count++;
            }
        }
        return count;
    }

    private static List<Gap> gaps(List<PeriodTally> periods) {
        List<Gap> gaps = new ArrayList<>();
        PeriodTally first = null;
        PeriodTally last = null;
        int length = 0;
        for (PeriodTally tally : periods) {
            if (!tally.met()) {
                first = first == null ? tally : first;
                last = tally;
                length++;
            } else if (first != null) {
                gaps.add(new Gap(first.start(), last.end(), length));
                first = null;
                length = 0;
            }
        }
        if (first != null) {
            gaps.add(new Gap(first.start(), last.end(), length));
        }
        return List.copyOf(gaps);
    }

    private static int currentStreak(List<PeriodTally> periods, CurrentPeriod current) {
        int streak = current.met() ? 1 : 0;
        for (int i = periods.size() - 1; i >= 0 && periods.get(i).met(); i--) {
            streak++;
        }
        return streak;
    }

    private static int longestStreak(List<PeriodTally> periods, CurrentPeriod current) {
        int longest = 0;
        int run = 0;
        for (PeriodTally tally : periods) {
            run = tally.met() ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        if (current.met()) {
            longest = Math.max(longest, run + 1);
        }
        return longest;
    }
}
