package dev.rapport.contacts.groups;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A group starts its own quiet episodes: only when its participation cadence lapsed, once per episode. */
class GroupQuietEpisodeTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    @Test
    void aLapsedGroupGoesQuietSinceItWasDueWithItsEventAndOnlyOnce() {
        Instant due = NOW.minus(Duration.ofDays(2));
        GroupDocument group = group(due);
        group.episode = 1;

        assertThat(group.goQuiet(NOW)).isTrue();
        assertThat(group.quiet).isTrue();
        assertThat(group.quietSince).isEqualTo(due);
        assertThat(group.episode).isEqualTo(2);
        assertThat(group.hasRecordedEvents()).isTrue();

        GroupDocument already = group(due);
        already.quiet = true;
        assertThat(already.goQuiet(NOW)).isFalse();
        assertThat(already.hasRecordedEvents()).isFalse();
    }

    @Test
    void aGroupDueExactlyNowOrWithoutADueDateStaysAsItIs() {
        for (GroupDocument group : new GroupDocument[] {group(NOW), group(null)}) {
            assertThat(group.goQuiet(NOW)).isFalse();
            assertThat(group.quiet).isFalse();
            assertThat(group.episode).isZero();
            assertThat(group.hasRecordedEvents()).isFalse();
        }
    }

    private static GroupDocument group(Instant due) {
        GroupDocument group = new GroupDocument("g-1", "member-1", "tenant-1", NOW.minus(Duration.ofDays(30)));
        group.name = "Alumni board";
        group.cadenceDays = 7;
        group.nextParticipationDueAt = due;
        return group;
    }
}
