package dev.rapport.contacts.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class KeepInTouchTest {

    private static final Instant ADDED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC);

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

        KeepInTouch.Touch touch =
                KeepInTouch.touch(latest, ADDED, 30, false, latest.minusSeconds(86400), CLOCK.instant());
        assertThat(touch.moved()).isFalse();
        assertThat(touch.nextTouchDueAt()).isEqualTo(latest.plus(Duration.ofDays(30)));
    }

    @Test
    void applyingTheSameInteractionTwiceChangesNothingTheSecondTime() {
        Instant now = CLOCK.instant();
        Instant at = now.minusSeconds(3600);
        KeepInTouch.Touch first = KeepInTouch.touch(null, ADDED, 30, true, at, now);
        KeepInTouch.Touch second = KeepInTouch.touch(first.lastInteractionAt(), ADDED, 30, false, at, now);
        assertThat(first.moved()).isTrue();
        assertThat(first.reengaged()).isTrue();
        assertThat(second.moved()).isFalse();
        assertThat(second.reengaged()).isFalse();
        assertThat(second.nextTouchDueAt()).isEqualTo(first.nextTouchDueAt());
    }

    @Test
    void anInteractionThatLeavesTheContactOverdueDoesNotEndTheStalenessEpisode() {
        Instant now = CLOCK.instant();
        Instant longAgo = now.minus(Duration.ofDays(45));
        KeepInTouch.Touch touch = KeepInTouch.touch(now.minus(Duration.ofDays(90)), ADDED, 30, true, longAgo, now);
        assertThat(touch.moved()).isTrue();
        assertThat(touch.reengaged()).isFalse();
    }

    @Test
    void onlyAnOverdueContactOutsideAnEpisodeAndNotArchivedLapses() {
        Instant now = CLOCK.instant();
        Instant overdue = now.minusSeconds(1);
        assertThat(KeepInTouch.lapsed(overdue, false, false, now)).isTrue();
        assertThat(KeepInTouch.lapsed(overdue, true, false, now))
                .as("already stale")
                .isFalse();
        assertThat(KeepInTouch.lapsed(overdue, false, true, now)).as("archived").isFalse();
        assertThat(KeepInTouch.lapsed(now.plusSeconds(1), false, false, now)).isFalse();
    }

    @Test
    void statusIsStaleDueSoonWithinAWeekOrOk() {
        Instant now = CLOCK.instant();
        assertThat(KeepInTouch.status(now.minusSeconds(1), now).id()).isEqualTo("stale");
        assertThat(KeepInTouch.status(now.plus(Duration.ofDays(6)), now).id()).isEqualTo("due-soon");
        assertThat(KeepInTouch.status(now.plus(Duration.ofDays(8)), now).id()).isEqualTo("ok");
    }

    @Test
    void tiersHaveDefaultCadencesThatAMemberCanChangeAndAContactCanOverride() {
        assertThat(Tier.INNER.defaultCadenceDays()).isEqualTo(30);
        assertThat(Tier.STRATEGIC.defaultCadenceDays()).isEqualTo(60);
        assertThat(Tier.REGULAR.defaultCadenceDays()).isEqualTo(120);
        assertThat(Tier.ACQUAINTANCE.defaultCadenceDays()).isEqualTo(365);
        assertThat(Tier.of("Strategic")).isEqualTo(Tier.STRATEGIC);

        Cadences mine = new Cadences(14, 45, 90, 180);
        assertThat(Cadences.DEFAULTS.inForce(null, Tier.INNER)).isEqualTo(30);
        assertThat(mine.inForce(null, Tier.INNER)).isEqualTo(14);
        assertThat(mine.inForce(null, Tier.ACQUAINTANCE)).isEqualTo(180);
        assertThat(mine.inForce(7, Tier.ACQUAINTANCE)).isEqualTo(7);
    }

    @Test
    void searchTextFoldsCaseAndAccents() {
        assertThat(SearchText.fold("  José   NÚÑEZ ")).isEqualTo("jose nunez");
        assertThat(SearchText.of("Ana", null, "Telefónica")).isEqualTo("ana telefonica");
    }
}
