package dev.rapport.content.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ConsistencyAdvisorTest {

    static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
    static final Instant NOW = Instant.parse("2026-11-18T10:00:00Z");
    static final LocalDate TODAY = NOW.atZone(MADRID).toLocalDate();
    static final Cadence WEEKLY = new Cadence("linkedin-post", 1, CadencePeriod.WEEK);
    static final List<PostingSlot> TUESDAYS = List.of(new PostingSlot(DayOfWeek.TUESDAY, LocalTime.of(9, 0), null));

    @Test
    void fiveItemsScheduledInOneWeekAreSpreadOverTheNextFourWeeklySlots() {
        List<PlannedItem> scheduled = new ArrayList<>();
        List<Instant> taken = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Instant at = ZonedDateTime.parse("2026-11-24T09:00+01:00[Europe/Madrid]")
                    .plusHours(i)
                    .toInstant();
            scheduled.add(new PlannedItem("item-" + i, "Post " + i, at));
            taken.add(at);
        }
        ChannelConsistency consistency = ConsistencyAnalyzer.analyze(
                WEEKLY,
                LocalDate.parse("2026-08-24"),
                List.of(TODAY),
                scheduled.stream()
                        .map(p -> p.scheduledFor().atZone(MADRID).toLocalDate())
                        .toList(),
                TODAY,
                12);
        List<ZonedDateTime> free = SlotPlanner.nextFree("linkedin-post", WEEKLY, TUESDAYS, MADRID, NOW, null, taken, 6);

        List<Suggestion> suggestions =
                ConsistencyAdvisor.forChannel(consistency, scheduled, List.of(), 0, free, null, MADRID, Locale.ENGLISH);

        Suggestion spread = suggestions.getFirst();
        assertThat(spread.kind()).isEqualTo("spread-scheduled");
        assertThat(spread.itemIds()).containsExactly("item-1", "item-2", "item-3", "item-4");
        assertThat(spread.slots())
                .extracting(ZonedDateTime::toLocalDate)
                .containsExactly(
                        LocalDate.parse("2026-12-01"),
                        LocalDate.parse("2026-12-08"),
                        LocalDate.parse("2026-12-15"),
                        LocalDate.parse("2026-12-22"));
        assertThat(spread.message())
                .isEqualTo("You have 5 linkedin-post items scheduled in the week of 23 Nov: keep 1 and spread the"
                        + " other 4 over the next 4 weekly slots: Tue 1 Dec 09:00, Tue 8 Dec 09:00, Tue 15 Dec 09:00,"
                        + " Tue 22 Dec 09:00.");
    }

    @Test
    void aWeekWithNothingPlannedSuggestsSchedulingADraftInTheNextSlotInSpanish() {
        ChannelConsistency consistency =
                ConsistencyAnalyzer.analyze(WEEKLY, LocalDate.parse("2026-08-24"), List.of(), List.of(), TODAY, 12);
        List<ZonedDateTime> free =
                SlotPlanner.nextFree("linkedin-post", WEEKLY, TUESDAYS, MADRID, NOW, null, List.of(), 1);

        List<Suggestion> suggestions = ConsistencyAdvisor.forChannel(
                consistency,
                List.of(),
                List.of(new PlannedItem("draft-1", "Datos sin humo", null)),
                2,
                free,
                null,
                MADRID,
                Locale.forLanguageTag("es-ES"));

        assertThat(suggestions).extracting(Suggestion::kind).containsExactly("schedule-draft");
        assertThat(suggestions.getFirst().itemIds()).containsExactly("draft-1");
        assertThat(suggestions.getFirst().message())
                .startsWith("Aún falta algo para esta semana en linkedin-post: programa tu borrador «Datos sin humo»");
    }

    @Test
    void withoutDraftsItAsksForAnIdeaToBeDraftedOrANewOneAboutAPillar() {
        ChannelConsistency consistency =
                ConsistencyAnalyzer.analyze(WEEKLY, LocalDate.parse("2026-08-24"), List.of(), List.of(), TODAY, 12);

        assertThat(ConsistencyAdvisor.forChannel(
                                consistency, List.of(), List.of(), 3, List.of(), null, MADRID, Locale.ENGLISH)
                        .getFirst()
                        .kind())
                .isEqualTo("draft-an-idea");
        assertThat(ConsistencyAdvisor.forChannel(
                                consistency,
                                List.of(),
                                List.of(),
                                0,
                                List.of(),
                                "Data strategy",
                                MADRID,
                                Locale.ENGLISH)
                        .getFirst()
                        .message())
                .endsWith("note one about “Data strategy”.");
    }

    @Test
    void aBurstFollowedByAGapIsPointedOut() {
        List<LocalDate> burst =
                List.of(LocalDate.parse("2026-10-19"), LocalDate.parse("2026-10-20"), LocalDate.parse("2026-10-21"));
        ChannelConsistency consistency =
                ConsistencyAnalyzer.analyze(WEEKLY, LocalDate.parse("2026-10-19"), burst, List.of(), TODAY, 12);

        List<Suggestion> suggestions = ConsistencyAdvisor.forChannel(
                consistency, List.of(), List.of(), 1, List.of(), null, MADRID, Locale.ENGLISH);

        assertThat(suggestions)
                .filteredOn(s -> s.kind().equals("after-burst"))
                .singleElement()
                .extracting(Suggestion::message)
                .isEqualTo("In the week of 19 Oct you published 3 times on linkedin-post, then missed 3 weeks:"
                        + " schedule what you write instead of posting it all at once.");
    }

    @Test
    void aNewCadenceSaysFromWhenItIsJudged() {
        ChannelConsistency fresh = ConsistencyAnalyzer.analyze(WEEKLY, TODAY, List.of(), List.of(), TODAY, 12);

        List<Suggestion> suggestions =
                ConsistencyAdvisor.forChannel(fresh, List.of(), List.of(), 1, List.of(), null, MADRID, Locale.ENGLISH);

        assertThat(suggestions.getFirst().kind()).isEqualTo("first-period");
        assertThat(suggestions.getFirst().message())
                .isEqualTo("Your linkedin-post cadence is judged from 23 Nov: publish 1 a week from then on.");
    }
}
