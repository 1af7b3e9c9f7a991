package dev.rapport.content.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.content.domain.FeedMatcher.Candidate;
import dev.rapport.content.domain.FeedMatcher.Outcome;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedMatcherTest {

    static FeedEntry entry(String title, String url) {
        return new FeedEntry(url, title, url, Instant.parse("2026-11-10T08:00:00Z"), List.of());
    }

    @Test
    void aPlannedItemWithTheSameTitleIgnoringCaseAccentsAndPunctuationIsPublished() {
        List<Candidate> items = List.of(
                new Candidate("a", "Otra cosa", null, null, ItemStatus.DRAFT),
                new Candidate("b", "Cómo contratar a tu primer data engineer", null, null, ItemStatus.SCHEDULED));

        assertThat(FeedMatcher.match(entry("¡Como contratar a tu primer Data Engineer!", "https://b.example/1"), items))
                .isEqualTo(new Outcome.Publishes("b"));
    }

    @Test
    void theSameUrlMatchesWhateverTheTitleAndSchemeVariant() {
        List<Candidate> items =
                List.of(new Candidate("c", "Working title", "http://www.b.example/post/", null, ItemStatus.DRAFT));

        assertThat(FeedMatcher.match(entry("Final title", "https://b.example/post"), items))
                .isEqualTo(new Outcome.Publishes("c"));
    }

    @Test
    void anEntrySeenBeforeIsKnownAndTitlesOnlyMatchItemsStillPlanned() {
        List<Candidate> items = List.of(
                new Candidate("d", "Old post", "https://b.example/old", "https://b.example/old", ItemStatus.PUBLISHED),
                new Candidate("e", "Archived", null, null, ItemStatus.ARCHIVED));

        assertThat(FeedMatcher.match(entry("Old post (edited)", "https://b.example/old"), items))
                .isEqualTo(new Outcome.Known("d"));
        assertThat(FeedMatcher.match(entry("Old post", "https://b.example/other"), items))
                .isEqualTo(new Outcome.Adds());
    }

    @Test
    void anEntryNothingMatchesIsAdded() {
        assertThat(FeedMatcher.match(entry("Brand new", "https://b.example/new"), List.of()))
                .isEqualTo(new Outcome.Adds());
    }
}
