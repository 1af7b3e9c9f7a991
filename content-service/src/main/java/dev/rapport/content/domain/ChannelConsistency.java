package dev.rapport.content.domain;

import java.time.LocalDate;
import java.util.List;

/**
 * How steadily one channel met its cadence over a rolling window of completed periods.
 *
 * @param trackedFrom the start of the first period judged (or to be judged, for a new cadence); the window never
 *     reaches back before the cadence's first full period (or the first publication on the channel, when older)
 * @param periods the completed periods judged, oldest first
 * @param currentStreak consecutive met periods up to now (the period in progress counts once it is met, and
 *     does not break the streak while it is not)
 * @param gaps runs of consecutive periods that missed the cadence
 * @param bursts periods with far more items than the cadence ({@link Cadence#burstThreshold()})
 * @param score 0–100, null while no period is complete (a new member is not judged)
 */
public record ChannelConsistency(
        Cadence cadence,
        LocalDate trackedFrom,
        List<PeriodTally> periods,
        int periodsMet,
        int currentStreak,
        int longestStreak,
        int publishedInWindow,
        List<Gap> gaps,
        List<PeriodTally> bursts,
        CurrentPeriod current,
        Integer score) {

    /** Whether no period is complete yet, so there is nothing to judge. */
    public boolean isNew() {
        return periods.isEmpty();
    }

    /** One completed period: how many items went out in it. {@code end} is its last day. */
    public record PeriodTally(LocalDate start, LocalDate end, int published, boolean met, boolean burst) {}

    /** Consecutive periods that missed the cadence, from the start of the first to the last day of the last. */
    public record Gap(LocalDate from, LocalDate to, int periods) {}

    /** The period in progress: what is already out and what is scheduled in it. */
    public record CurrentPeriod(LocalDate start, LocalDate end, int target, int published, int scheduled) {

        /** Items still needed this period beyond those published and scheduled. */
        public int unplanned() {
            return Math.max(0, target - published - scheduled);
        }

        public boolean met() {
            return published >= target;
        }
    }
}
