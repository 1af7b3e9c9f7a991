package dev.rapport.contacts.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class InterestMatchingTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-10T08:00:00Z"), ZoneOffset.UTC);
    private static final Instant NOW = CLOCK.instant();
    private static final Duration RECENT = Duration.ofDays(30);

    private static InterestMatching.Candidate candidate(
            String id, Tier tier, List<String> interests, List<String> tags, Instant lastShared) {
        return new InterestMatching.Candidate(id, "Contact " + id, tier, interests, tags, lastShared);
    }

    @Test
    void topicsInterestsAndTagsMatchOnceNormalized() {
        assertThat(InterestMatching.normalize("#DataStrategy")).isEqualTo("data strategy");
        assertThat(InterestMatching.normalize("data-strategy")).isEqualTo("data strategy");
        assertThat(InterestMatching.normalize("  Estrategia de DATOS ")).isEqualTo("estrategia de datos");
        assertThat(InterestMatching.normalize("Innovación")).isEqualTo(InterestMatching.normalize("innovacion"));
    }

    @Test
    void contactsMatchingNothingAreLeftOut() {
        List<InterestMatching.Match> matches = InterestMatching.rank(
                List.of("Hiring"),
                List.of(candidate("a", Tier.INNER, List.of("golf"), List.of(), null)),
                NOW,
                RECENT,
                5);
        assertThat(matches).isEmpty();
    }

    @Test
    void moreMatchedTopicsThenCloserTiersRankFirstAndRecentSharesRankLast() {
        List<InterestMatching.Candidate> candidates = List.of(
                candidate(
                        "acquaintance-two-topics",
                        Tier.ACQUAINTANCE,
                        List.of("data strategy", "hiring"),
                        List.of(),
                        null),
                candidate("inner-one-topic", Tier.INNER, List.of(), List.of("#hiring"), null),
                candidate("regular-one-topic", Tier.REGULAR, List.of("Hiring"), List.of(), null),
                candidate(
                        "inner-shared-last-week",
                        Tier.INNER,
                        List.of("Data-Strategy", "hiring"),
                        List.of(),
                        NOW.minus(Duration.ofDays(7))),
                candidate(
                        "inner-shared-long-ago",
                        Tier.INNER,
                        List.of("hiring"),
                        List.of(),
                        NOW.minus(Duration.ofDays(90))));
        List<InterestMatching.Match> matches =
                InterestMatching.rank(List.of("Data Strategy", "Hiring"), candidates, NOW, RECENT, 10);
        assertThat(matches)
                .extracting(InterestMatching.Match::contactId)
                .containsExactly(
                        "acquaintance-two-topics",
                        "inner-one-topic",
                        "inner-shared-long-ago",
                        "regular-one-topic",
                        "inner-shared-last-week");
        assertThat(matches.getFirst().matchedTopics()).containsExactly("Data Strategy", "Hiring");
        assertThat(matches.getLast().sharedRecently()).isTrue();
    }

    @Test
    void onlyTheTopFewAreSuggested() {
        List<InterestMatching.Candidate> candidates = List.of(
                candidate("1", Tier.INNER, List.of("ai"), List.of(), null),
                candidate("2", Tier.STRATEGIC, List.of("ai"), List.of(), null),
                candidate("3", Tier.REGULAR, List.of("ai"), List.of(), null));
        assertThat(InterestMatching.rank(List.of("AI"), candidates, NOW, RECENT, 2))
                .extracting(InterestMatching.Match::contactId)
                .containsExactly("1", "2");
    }

    @Test
    void aContactSharesATopicThroughAnInterestOrATagWrittenAnyWay() {
        var keys = InterestMatching.keysOf(List.of("#DataStrategy", "Golf"));

        assertThat(InterestMatching.sharesTopic(List.of("data-strategy"), List.of(), keys))
                .isTrue();
        assertThat(InterestMatching.sharesTopic(null, List.of("GOLF"), keys)).isTrue();
        assertThat(InterestMatching.sharesTopic(List.of("tennis"), null, keys)).isFalse();
        assertThat(InterestMatching.sharesTopic(List.of("golf"), List.of(), InterestMatching.keysOf(null)))
                .isFalse();
    }
}
