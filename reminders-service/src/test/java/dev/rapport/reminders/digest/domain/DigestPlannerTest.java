package dev.rapport.reminders.digest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.reminders.reminders.domain.DigestCandidate;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DigestPlannerTest {

    static final LocalDate TODAY = LocalDate.of(2026, 3, 10);

    static DigestCandidate candidate(String id, String kind, int daysLate, String owedBy, String contact, String tier) {
        return new DigestCandidate(id, kind, TODAY.minusDays(daysLate), owedBy, contact, tier);
    }

    @Test
    void promisesComeFirstThenCongratulationsThenCloseTiersThenTheMostOverdue() {
        var plan = DigestPlanner.plan(
                TODAY,
                10,
                14,
                List.of(
                        candidate("regular-old", "reach-out", 30, null, "c1", "regular"),
                        candidate("regular-new", "reach-out", 2, null, "c2", "regular"),
                        candidate("inner", "reach-out", 1, null, "c3", "inner"),
                        candidate("birthday", "congratulate", 0, null, "c4", "acquaintance"),
                        candidate("promise", "follow-up", 1, "me", "c5", null),
                        candidate("routine", "routine", 5, null, null, null)),
                Map.of());
        assertThat(plan.items())
                .extracting(DigestCandidate::id)
                .containsExactly("promise", "birthday", "inner", "regular-old", "routine", "regular-new");
    }

    @Test
    void theDailyCapKeepsTheBestAndCountsTheRest() {
        var plan = DigestPlanner.plan(
                TODAY,
                2,
                14,
                List.of(
                        candidate("a", "reach-out", 3, null, "c1", null),
                        candidate("b", "reach-out", 2, null, "c2", null),
                        candidate("c", "reach-out", 1, null, "c3", null)),
                Map.of());
        assertThat(plan.items()).extracting(DigestCandidate::id).containsExactly("a", "b");
        assertThat(plan.heldBackByCap()).isEqualTo(1);
    }

    @Test
    void aPersonTouchedWithinTheMinimumGapRestsButNotForMyOwnPromiseOrACongratulation() {
        var plan = DigestPlanner.plan(
                TODAY,
                10,
                14,
                List.of(
                        candidate("reach-out", "reach-out", 3, null, "touched", null),
                        candidate("nudge", "follow-up", 3, "them", "touched2", null),
                        candidate("my-promise", "follow-up", 0, "me", "touched3", null),
                        candidate("congrats", "congratulate", 0, null, "touched4", null),
                        candidate("long-ago", "reach-out", 3, null, "rested", null)),
                Map.of(
                        "touched", TODAY.minusDays(13),
                        "touched2", TODAY,
                        "touched3", TODAY.minusDays(1),
                        "touched4", TODAY.minusDays(1),
                        "rested", TODAY.minusDays(14)));
        assertThat(plan.items()).extracting(DigestCandidate::id).containsExactly("my-promise", "congrats", "long-ago");
        assertThat(plan.restingContacts()).isEqualTo(2);
    }

    @Test
    void aPersonAppearsAtMostOnceADay() {
        var plan = DigestPlanner.plan(
                TODAY,
                10,
                14,
                List.of(
                        candidate("promise", "follow-up", 0, "me", "ana", null),
                        candidate("reach-out", "reach-out", 9, null, "ana", "inner")),
                Map.of());
        assertThat(plan.items()).extracting(DigestCandidate::id).containsExactly("promise");
        assertThat(plan.restingContacts()).isEqualTo(1);
    }

    @Test
    void remindersDueLaterAreNotInTodaysDigest() {
        var plan = DigestPlanner.plan(
                TODAY,
                5,
                14,
                List.of(new DigestCandidate("tomorrow", "manual", TODAY.plusDays(1), null, null, null)),
                Map.of());
        assertThat(plan.items()).isEmpty();
        assertThat(plan.heldBackByCap()).isZero();
    }
}
