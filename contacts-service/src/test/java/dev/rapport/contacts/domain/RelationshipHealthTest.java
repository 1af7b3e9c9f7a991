package dev.rapport.contacts.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RelationshipHealthTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-10T08:00:00Z"), ZoneOffset.UTC);
    private static final Instant NOW = CLOCK.instant();

    private static Instant daysAgo(int days) {
        return NOW.minus(Duration.ofDays(days));
    }

    private static RelationshipHealth.Part part(RelationshipHealth.Score score, String name) {
        return score.parts().stream()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void theScoreIsTheSumOfItsExplainedParts() {
        List<RelationshipHealth.Fact> facts = List.of(
                new RelationshipHealth.Fact(daysAgo(5), "coffee"),
                new RelationshipHealth.Fact(daysAgo(40), "help-given"));
        RelationshipHealth.Score score = RelationshipHealth.score(30, daysAgo(5), facts, NOW);
        assertThat(score.parts())
                .extracting(RelationshipHealth.Part::name)
                .containsExactly("recency", "frequency", "balance");
        assertThat(score.score())
                .isEqualTo(score.parts().stream()
                        .mapToInt(RelationshipHealth.Part::points)
                        .sum());
        assertThat(score.score()).isBetween(0, 100);
        assertThat(part(score, "recency").en()).contains("5 days ago", "every 30 days");
        assertThat(part(score, "recency").es()).contains("hace 5 días", "cada 30 días");
    }

    @Test
    void recencyIsFullWithinHalfTheCadenceHalfWhenDueAndZeroAtTwiceTheCadence() {
        assertThat(RelationshipHealth.recency(30, daysAgo(10), NOW).points()).isEqualTo(50);
        assertThat(RelationshipHealth.recency(30, daysAgo(30), NOW).points()).isEqualTo(25);
        assertThat(RelationshipHealth.recency(30, daysAgo(45), NOW).points()).isEqualTo(13);
        assertThat(RelationshipHealth.recency(30, daysAgo(60), NOW).points()).isZero();
        assertThat(RelationshipHealth.recency(30, null, NOW).points()).isZero();
    }

    @Test
    void frequencyComparesTheLastYearWithWhatTheCadenceAsksFor() {
        // a 30-day cadence asks for about 12 interactions a year
        assertThat(RelationshipHealth.frequency(30, 6).points()).isEqualTo(15);
        assertThat(RelationshipHealth.frequency(30, 20).points()).isEqualTo(30);
        assertThat(RelationshipHealth.frequency(365, 1).points()).isEqualTo(30);
    }

    @Test
    void interactionsOlderThanAYearDoNotCount() {
        List<RelationshipHealth.Fact> facts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            facts.add(new RelationshipHealth.Fact(daysAgo(400 + i), "call"));
        }
        assertThat(part(RelationshipHealth.score(30, daysAgo(400), facts, NOW), "frequency")
                        .points())
                .isZero();
    }

    @Test
    void givingAtLeastAsMuchAsReceivingScoresFullBalanceOnlyTakingScoresNothing() {
        assertThat(RelationshipHealth.balance(new RelationshipHealth.Balance(2, 2))
                        .points())
                .isEqualTo(20);
        assertThat(RelationshipHealth.balance(new RelationshipHealth.Balance(3, 0))
                        .points())
                .isEqualTo(20);
        assertThat(RelationshipHealth.balance(new RelationshipHealth.Balance(1, 3))
                        .points())
                .isEqualTo(10);
        assertThat(RelationshipHealth.balance(new RelationshipHealth.Balance(0, 2))
                        .points())
                .isZero();
        assertThat(RelationshipHealth.balance(new RelationshipHealth.Balance(0, 0))
                        .points())
                .isEqualTo(10);
        assertThat(RelationshipHealth.balanceOf(List.of(
                        new RelationshipHealth.Fact(NOW, "introduction-made"),
                        new RelationshipHealth.Fact(NOW, "help-received"),
                        new RelationshipHealth.Fact(NOW, "coffee"))))
                .isEqualTo(new RelationshipHealth.Balance(1, 1));
    }

    @Test
    void aTallyOfTheYearScoresAsTheInteractionsThemselvesDo() {
        List<RelationshipHealth.Fact> facts = List.of(
                new RelationshipHealth.Fact(daysAgo(5), "coffee"),
                new RelationshipHealth.Fact(daysAgo(40), "help-given"),
                new RelationshipHealth.Fact(daysAgo(90), "help-received"),
                new RelationshipHealth.Fact(daysAgo(400), "help-given"),
                new RelationshipHealth.Fact(NOW.plus(Duration.ofDays(2)), "coffee"));
        RelationshipHealth.Tally tally = new RelationshipHealth.Tally();
        facts.forEach(fact -> tally.countIfWithinYear(fact.at(), fact.type(), NOW));

        assertThat(tally.interactions())
                .as("only the last year up to now counts")
                .isEqualTo(3);
        assertThat(tally.balance()).isEqualTo(new RelationshipHealth.Balance(1, 1));
        assertThat(RelationshipHealth.score(30, daysAgo(5), tally, NOW))
                .isEqualTo(RelationshipHealth.score(30, daysAgo(5), facts, NOW));
    }
}
