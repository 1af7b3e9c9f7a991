package dev.rapport.reminders.calendar.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FeedTokensTest {

    @Test
    void tokensAreUrlSafeUnguessableAndStoredOnlyAsAHash() {
        String a = FeedTokens.newToken();
        String b = FeedTokens.newToken();
        assertThat(a).isNotEqualTo(b).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(FeedTokens.wellFormed(a)).isTrue();
        assertThat(FeedTokens.hash(a)).hasSize(64).isEqualTo(FeedTokens.hash(a)).isNotEqualTo(FeedTokens.hash(b));
    }

    @Test
    void anythingElseIsRefusedBeforeAnyLookup() {
        assertThat(FeedTokens.wellFormed(null)).isFalse();
        assertThat(FeedTokens.wellFormed("short")).isFalse();
        assertThat(FeedTokens.wellFormed("a".repeat(42) + "/")).isFalse();
    }
}
