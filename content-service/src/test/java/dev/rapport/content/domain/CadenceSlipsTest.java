package dev.rapport.content.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.content.domain.CadenceSlips.Slip;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class CadenceSlipsTest {

    static final LocalDate TODAY = LocalDate.now(Clock.fixed(Instant.parse("2026-11-18T10:00:00Z"), ZoneOffset.UTC));
    static final Cadence WEEKLY = new Cadence("linkedin-post", 1, CadencePeriod.WEEK);

    @Test
    void everyCompletedWeekBelowTheTargetIsASlipWithItsCounts() {
        List<Slip> slips = CadenceSlips.missed(
                WEEKLY, LocalDate.parse("2026-10-26"), List.of(LocalDate.parse("2026-11-04")), TODAY);

        assertThat(slips)
                .containsExactly(
                        new Slip(LocalDate.parse("2026-10-26"), LocalDate.parse("2026-11-01"), 1, 0),
                        new Slip(LocalDate.parse("2026-11-09"), LocalDate.parse("2026-11-15"), 1, 0));
    }

    @Test
    void periodsBeforeTheCadenceWasSetAndTheRunningPeriodAreNeverSlips() {
        assertThat(CadenceSlips.missed(WEEKLY, LocalDate.parse("2026-11-11"), List.of(), TODAY))
                .isEmpty();
    }

    @Test
    void onlyTheLastFewPeriodsAreLookedAtSoAnOldCadenceDoesNotFloodTheMember() {
        List<Slip> slips = CadenceSlips.missed(WEEKLY, LocalDate.parse("2025-01-06"), List.of(), TODAY);

        assertThat(slips).hasSize(CadenceSlips.LOOK_BACK);
        assertThat(slips.getFirst().start()).isEqualTo(LocalDate.parse("2026-10-26"));
    }

    @Test
    void aMonthWithFewerPostsThanItsTargetSlipsEvenWhenNotEmpty() {
        Cadence twiceAMonth = new Cadence("blog", 2, CadencePeriod.MONTH);

        assertThat(CadenceSlips.missed(
                        twiceAMonth, LocalDate.parse("2026-10-01"), List.of(LocalDate.parse("2026-10-12")), TODAY))
                .containsExactly(new Slip(LocalDate.parse("2026-10-01"), LocalDate.parse("2026-10-31"), 2, 1));
    }
}
