package dev.rapport.contacts.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class KeepInTouchTest {

    private static final Instant ADDED = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void beforeAnyInteractionTheClockRunsFromWhenTheContactWasAdded() {
        assertThat(KeepInTouch.nextTouchDueAt(null, ADDED, 30)).isEqualTo(Instant.parse("2026-01-31T00:00:00Z"));
    }

    @Test
    void theLatestInteractionOfAnyKindResetsTheClock() {
        Instant call = Instant.parse("2026-03-01T09:00:00Z");
        assertThat(KeepInTouch.nextTouchDueAt(call, ADDED, 60)).isEqualTo(Instant.parse("2026-04-30T09:00:00Z"));
    }

    @Test
    void aBackdatedInteractionNeverMovesTheClockBackwards() {
        Instant latest = Instant.parse("2026-03-01T09:00:00Z");
        assertThat(KeepInTouch.latest(latest, Instant.parse("2025-12-01T09:00:00Z")))
                .isEqualTo(latest);
        assertThat(KeepInTouch.latest(latest, Instant.parse("2026-03-02T09:00:00Z")))
                .isEqualTo(Instant.parse("2026-03-02T09:00:00Z"));
        assertThat(KeepInTouch.latest(null, latest)).isEqualTo(latest);
    }

    @Test
    void tiersHaveDefaultCadences() {
        assertThat(Tier.INNER.defaultCadenceDays()).isEqualTo(30);
        assertThat(Tier.ACQUAINTANCE.defaultCadenceDays()).isEqualTo(365);
        assertThat(Tier.of("Strategic")).isEqualTo(Tier.STRATEGIC);
    }

    @Test
    void searchTextFoldsCaseAndAccents() {
        assertThat(SearchText.fold("  José   NÚÑEZ ")).isEqualTo("jose nunez");
        assertThat(SearchText.of("Ana", null, "Telefónica")).isEqualTo("ana telefonica");
    }
}
