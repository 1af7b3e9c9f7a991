package dev.rapport.content.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlotPlannerTest {

    static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
    /** Wednesday 18 November 2026, 11:00 in Madrid. */
    static final Instant NOW = Instant.parse("2026-11-18T10:00:00Z");

    static final List<PostingSlot> SLOTS = List.of(
            new PostingSlot(DayOfWeek.TUESDAY, LocalTime.of(9, 0), "linkedin-post"),
            new PostingSlot(DayOfWeek.THURSDAY, LocalTime.of(18, 30), null),
            new PostingSlot(DayOfWeek.MONDAY, LocalTime.of(8, 0), "blog"));

    @Test
    void withAWeeklyCadenceTheQueueTakesOneSlotPerWeekSoDraftsSpreadOut() {
        List<ZonedDateTime> free = SlotPlanner.nextFree(
                "linkedin-post",
                new Cadence("linkedin-post", 1, CadencePeriod.WEEK),
                SLOTS,
                MADRID,
                NOW,
                null,
                List.of(),
                3);

        assertThat(free)
                .containsExactly(
                        ZonedDateTime.parse("2026-11-19T18:30+01:00[Europe/Madrid]"),
                        ZonedDateTime.parse("2026-11-24T09:00+01:00[Europe/Madrid]"),
                        ZonedDateTime.parse("2026-12-01T09:00+01:00[Europe/Madrid]"));
    }

    @Test
    void aPeriodWhoseTargetIsAlreadyPublishedOrScheduledIsSkipped() {
        Instant publishedMonday = Instant.parse("2026-11-16T08:00:00Z");
        Instant scheduledNextTuesday =
                ZonedDateTime.parse("2026-11-24T09:00+01:00[Europe/Madrid]").toInstant();

        List<ZonedDateTime> free = SlotPlanner.nextFree(
                "linkedin-post",
                new Cadence("linkedin-post", 1, CadencePeriod.WEEK),
                SLOTS,
                MADRID,
                NOW,
                null,
                List.of(publishedMonday, scheduledNextTuesday),
                1);

        assertThat(free).containsExactly(ZonedDateTime.parse("2026-12-01T09:00+01:00[Europe/Madrid]"));
    }

    @Test
    void withoutACadenceOnlyTakenSlotsAreSkipped() {
        Instant takenThursday =
                ZonedDateTime.parse("2026-11-19T18:30+01:00[Europe/Madrid]").toInstant();

        List<ZonedDateTime> free =
                SlotPlanner.nextFree("newsletter", null, SLOTS, MADRID, NOW, null, List.of(takenThursday), 2);

        assertThat(free)
                .containsExactly(
                        ZonedDateTime.parse("2026-11-26T18:30+01:00[Europe/Madrid]"),
                        ZonedDateTime.parse("2026-12-03T18:30+01:00[Europe/Madrid]"));
    }

    @Test
    void aChannelWithoutSlotsHasNoFreeSlotAndAnEndBoundStopsTheSearch() {
        assertThat(SlotPlanner.nextFree("podcast", null, List.of(), MADRID, NOW, null, List.of(), 3))
                .isEmpty();
        assertThat(SlotPlanner.nextFree(
                        "blog", null, SLOTS, MADRID, NOW, Instant.parse("2026-11-30T00:00:00Z"), List.of(), 5))
                .containsExactly(
                        ZonedDateTime.parse("2026-11-19T18:30+01:00[Europe/Madrid]"),
                        ZonedDateTime.parse("2026-11-23T08:00+01:00[Europe/Madrid]"),
                        ZonedDateTime.parse("2026-11-26T18:30+01:00[Europe/Madrid]"));
    }
}
