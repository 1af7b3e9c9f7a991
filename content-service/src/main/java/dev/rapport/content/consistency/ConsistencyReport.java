package dev.rapport.content.consistency;

import dev.rapport.content.domain.ChannelConsistency;
import dev.rapport.content.domain.Suggestion;
import java.time.LocalDate;
import java.util.List;

/**
 * The consistency of every channel with a cadence, and steps to take.
 *
 * @param suggestions steps about the plan as a whole (pillars left aside)
 */
record ConsistencyReport(
        LocalDate asOf, String timeZone, int windowPeriods, List<Channel> channels, List<Suggestion> suggestions) {

    /**
     * One channel.
     *
     * @param status {@code new} while no period is complete (no score yet), else {@code tracked}
     */
    record Channel(
            String channel,
            int perPeriod,
            String period,
            String status,
            Integer score,
            LocalDate trackedFrom,
            int periodsJudged,
            int periodsMet,
            int currentStreak,
            int longestStreak,
            int publishedInWindow,
            ChannelConsistency.CurrentPeriod current,
            List<ChannelConsistency.PeriodTally> periods,
            List<ChannelConsistency.Gap> gaps,
            List<ChannelConsistency.PeriodTally> bursts,
            List<Suggestion> suggestions) {

        static Channel of(ChannelConsistency c, List<Suggestion> suggestions) {
            return new Channel(
                    c.cadence().channel(),
                    c.cadence().perPeriod(),
                    c.cadence().period().id(),
                    c.isNew() ? "new" : "tracked",
                    c.score(),
                    c.trackedFrom(),
                    c.periods().size(),
                    c.periodsMet(),
                    c.currentStreak(),
                    c.longestStreak(),
                    c.publishedInWindow(),
                    c.current(),
                    c.periods(),
                    c.gaps(),
                    c.bursts(),
                    suggestions);
        }
    }
}
