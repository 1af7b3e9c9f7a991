package dev.rapport.support.privacy.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TombstoneTest {

    static final Instant ERASED = Instant.parse("2026-03-10T06:00:00Z");
    static final Tombstone TOMBSTONE = new Tombstone(ERASED, List.of("r1"));

    @Test
    void aMemberNeverErasedIsPurged() {
        assertThat(Tombstone.stepFor(null, "r1", ERASED)).isEqualTo(Tombstone.Step.PURGE);
    }

    @Test
    void aRequestAlreadyConfirmedDoesNothingWhenDeliveredAgain() {
        assertThat(Tombstone.stepFor(TOMBSTONE, "r1", ERASED.minusSeconds(5))).isEqualTo(Tombstone.Step.NOTHING);
    }

    @Test
    void anotherRequestMadeBeforeThePurgeIsConfirmedWithoutErasingWhatCameAfter() {
        assertThat(Tombstone.stepFor(TOMBSTONE, "r2", ERASED.minusSeconds(1))).isEqualTo(Tombstone.Step.CONFIRM);
    }

    @Test
    void aRequestMadeAfterThePurgePurgesAgain() {
        assertThat(Tombstone.stepFor(TOMBSTONE, "r2", ERASED.plusSeconds(1))).isEqualTo(Tombstone.Step.PURGE);
    }

    @Test
    void eventsFromBeforeTheErasureAreBuriedAndLaterOnesAreNot() {
        assertThat(TOMBSTONE.buries(ERASED.minusMillis(1))).isTrue();
        assertThat(TOMBSTONE.buries(ERASED)).isTrue();
        assertThat(TOMBSTONE.buries(null)).isTrue();
        assertThat(TOMBSTONE.buries(ERASED.plusMillis(1))).isFalse();
    }

    @Test
    void aPurgeMovesTheErasureTimeAndAConfirmationKeepsIt() {
        Instant later = ERASED.plusSeconds(3600);

        Tombstone purged = Tombstone.answering(TOMBSTONE, "r2", Tombstone.Step.PURGE, later);
        Tombstone confirmed = Tombstone.answering(TOMBSTONE, "r3", Tombstone.Step.CONFIRM, later);

        assertThat(purged).isEqualTo(new Tombstone(later, List.of("r1", "r2")));
        assertThat(confirmed).isEqualTo(new Tombstone(ERASED, List.of("r1", "r3")));
        assertThat(Tombstone.answering(null, "r1", Tombstone.Step.PURGE, ERASED))
                .isEqualTo(TOMBSTONE);
    }
}
