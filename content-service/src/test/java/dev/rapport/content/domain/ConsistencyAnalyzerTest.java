package dev.rapport.content.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.content.domain.ChannelConsistency.Gap;
import dev.rapport.content.domain.ChannelConsistency.PeriodTally;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsistencyAnalyzerTest {

    /** Wednesday 18 November 2026, 11:00 in Madrid: the current week started on Monday the 16th. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-18T10:00:00Z"), ZoneId.of("Europe/Madrid"));

    static final LocalDate TODAY = LocalDate.now(CLOCK);
    static final LocalDate TWELVE_WEEKS_AGO = LocalDate.parse("2026-08-24");
    static final Cadence WEEKLY = new Cadence("linkedin-post", 1, CadencePeriod.WEEK);

    @Test
    void oneOfTwelveWeeklyPostsEachWeekScoresAHundredWithATwelveWeekStreak() {
        List<LocalDate> tuesdays = new ArrayList<>();
        for (int week = 0; week < 12; week++) {
            tuesdays.add(TWELVE_WEEKS_AGO.plusWeeks(week).plusDays(1));
        }

        ChannelConsistency steady = analyze(tuesdays);

        assertThat(steady.score()).isEqualTo(100);
        assertThat(steady.periods()).hasSize(12).allMatch(PeriodTally::met);
        assertThat(steady.periodsMet()).isEqualTo(12);
        assertThat(steady.currentStreak()).isEqualTo(12);
        assertThat(steady.longestStreak()).isEqualTo(12);
        assertThat(steady.gaps()).isEmpty();
        assertThat(steady.bursts()).isEmpty();
        assertThat(steady.publishedInWindow()).isEqualTo(12);
        assertThat(steady.trackedFrom()).isEqualTo(TWELVE_WEEKS_AGO);
    }

    @Test
    void theSameTwelvePostsInThreeBurstsScoreFarLowerWithTheirBurstsAndGaps() {
        List<LocalDate> bursts = new ArrayList<>();
        for (LocalDate week : List.of(TWELVE_WEEKS_AGO, LocalDate.parse("2026-09-21"), LocalDate.parse("2026-10-19"))) {
            for (int day = 0; day < 4; day++) {
                bursts.add(week.plusDays(day));
            }
        }

        ChannelConsistency bursty = analyze(bursts);

        // 100 × (0.6 × 3/12 + 0.2 × 3/12 + 0.2 × (1 − 3/12))
        assertThat(bursty.score()).isEqualTo(35);
        assertThat(bursty.publishedInWindow()).isEqualTo(12);
        assertThat(bursty.periodsMet()).isEqualTo(3);
        assertThat(bursty.bursts())
                .extracting(PeriodTally::start, PeriodTally::published)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(TWELVE_WEEKS_AGO, 4),
                        org.assertj.core.groups.Tuple.tuple(LocalDate.parse("2026-09-21"), 4),
                        org.assertj.core.groups.Tuple.tuple(LocalDate.parse("2026-10-19"), 4));
        assertThat(bursty.gaps())
                .containsExactly(
                        new Gap(LocalDate.parse("2026-08-31"), LocalDate.parse("2026-09-20"), 3),
                        new Gap(LocalDate.parse("2026-09-28"), LocalDate.parse("2026-10-18"), 3),
                        new Gap(LocalDate.parse("2026-10-26"), LocalDate.parse("2026-11-15"), 3));
        assertThat(bursty.currentStreak()).isZero();
        assertThat(bursty.longestStreak()).isEqualTo(1);
    }

    @Test
    void aSteadyHistoryOutranksABurstyOneWithTheSameNumberOfPostsWhateverTheBurstsLookLike() {
        List<LocalDate> everyOtherWeek = new ArrayList<>();
        List<LocalDate> firstSixWeeks = new ArrayList<>();
        List<LocalDate> twoBurstsOfThree = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            everyOtherWeek.add(TWELVE_WEEKS_AGO.plusWeeks(2L * i));
            firstSixWeeks.add(TWELVE_WEEKS_AGO.plusWeeks(i));
            twoBurstsOfThree.add(TWELVE_WEEKS_AGO.plusWeeks(i < 3 ? 2 : 8).plusDays(i % 3));
        }

        int spread = analyze(everyOtherWeek).score();
        int block = analyze(firstSixWeeks).score();
        int bursts = analyze(twoBurstsOfThree).score();

        assertThat(spread).isGreaterThan(block);
        assertThat(block).isGreaterThan(bursts);
    }

    @Test
    void aCadenceWithNoPostsScoresZeroAndIsOneLongGap() {
        ChannelConsistency empty = analyze(List.of());

        assertThat(empty.score()).isZero();
        assertThat(empty.periods()).hasSize(12).noneMatch(PeriodTally::met);
        assertThat(empty.gaps()).containsExactly(new Gap(TWELVE_WEEKS_AGO, LocalDate.parse("2026-11-15"), 12));
        assertThat(empty.currentStreak()).isZero();
        assertThat(empty.longestStreak()).isZero();
        assertThat(empty.bursts()).isEmpty();
    }

    @Test
    void aNewMemberIsNotJudgedUntilTheirFirstFullPeriodEnds() {
        ChannelConsistency fresh = ConsistencyAnalyzer.analyze(
                WEEKLY, TODAY, List.of(), List.of(), TODAY, ConsistencyAnalyzer.DEFAULT_WINDOW);

        assertThat(fresh.isNew()).isTrue();
        assertThat(fresh.score()).isNull();
        assertThat(fresh.trackedFrom()).isEqualTo(LocalDate.parse("2026-11-23"));
        assertThat(fresh.gaps()).isEmpty();
        assertThat(fresh.current().start()).isEqualTo(LocalDate.parse("2026-11-16"));
        assertThat(fresh.current().end()).isEqualTo(LocalDate.parse("2026-11-22"));
    }

    @Test
    void publicationsOlderThanTheCadenceAreJudgedFromTheirPeriodOn() {
        ChannelConsistency imported = ConsistencyAnalyzer.analyze(
                WEEKLY,
                TODAY,
                List.of(LocalDate.parse("2026-11-04"), LocalDate.parse("2026-11-10")),
                List.of(),
                TODAY,
                ConsistencyAnalyzer.DEFAULT_WINDOW);

        assertThat(imported.trackedFrom()).isEqualTo(LocalDate.parse("2026-11-02"));
        assertThat(imported.periods()).hasSize(2).allMatch(PeriodTally::met);
        assertThat(imported.score()).isEqualTo(100);
    }

    @Test
    void theWindowOnlyReachesBackTheRequestedNumberOfPeriods() {
        ChannelConsistency lastFour =
                ConsistencyAnalyzer.analyze(WEEKLY, LocalDate.parse("2025-01-06"), List.of(), List.of(), TODAY, 4);

        assertThat(lastFour.periods()).hasSize(4);
        assertThat(lastFour.trackedFrom()).isEqualTo(LocalDate.parse("2026-10-19"));
    }

    @Test
    void aMetCurrentPeriodExtendsTheStreakAndAnUnmetOneDoesNotBreakIt() {
        List<LocalDate> lastTwoWeeks = List.of(LocalDate.parse("2026-11-03"), LocalDate.parse("2026-11-10"));
        ChannelConsistency pending = analyze(lastTwoWeeks);
        ChannelConsistency metToday = analyze(List.of(lastTwoWeeks.get(0), lastTwoWeeks.get(1), TODAY));

        assertThat(pending.currentStreak()).isEqualTo(2);
        assertThat(metToday.currentStreak()).isEqualTo(3);
        assertThat(metToday.longestStreak()).isEqualTo(3);
        assertThat(metToday.current().met()).isTrue();
    }

    @Test
    void theCurrentPeriodCountsWhatIsPublishedAndScheduledInIt() {
        ChannelConsistency twoAWeek = ConsistencyAnalyzer.analyze(
                new Cadence("blog", 2, CadencePeriod.WEEK),
                TWELVE_WEEKS_AGO,
                List.of(LocalDate.parse("2026-11-16")),
                List.of(LocalDate.parse("2026-11-20"), LocalDate.parse("2026-11-27")),
                TODAY,
                ConsistencyAnalyzer.DEFAULT_WINDOW);

        assertThat(twoAWeek.current().published()).isEqualTo(1);
        assertThat(twoAWeek.current().scheduled()).isEqualTo(1);
        assertThat(twoAWeek.current().unplanned()).isZero();
    }

    @Test
    void aMonthlyCadenceCountsCalendarMonthsInTheMembersZone() {
        ChannelConsistency monthly = ConsistencyAnalyzer.analyze(
                new Cadence("blog", 1, CadencePeriod.MONTH),
                LocalDate.parse("2026-05-20"),
                List.of(LocalDate.parse("2026-06-30"), LocalDate.parse("2026-07-01"), LocalDate.parse("2026-09-15")),
                List.of(),
                TODAY,
                ConsistencyAnalyzer.DEFAULT_WINDOW);

        assertThat(monthly.trackedFrom()).isEqualTo(LocalDate.parse("2026-06-01"));
        assertThat(monthly.periods()).extracting(PeriodTally::published).containsExactly(1, 1, 0, 1, 0);
        assertThat(monthly.gaps()).hasSize(2);
    }

    private static ChannelConsistency analyze(List<LocalDate> published) {
        return ConsistencyAnalyzer.analyze(
                WEEKLY, TWELVE_WEEKS_AGO, published, List.of(), TODAY, ConsistencyAnalyzer.DEFAULT_WINDOW);
    }
}
