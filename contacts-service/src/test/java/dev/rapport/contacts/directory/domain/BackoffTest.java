package dev.rapport.contacts.directory.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final Duration CEILING = Duration.ofSeconds(30);

    @Test
    void eachFailureDoublesTheWaitUpToTheCeiling() {
        assertThat(Backoff.after(1, SECOND, CEILING)).isEqualTo(Duration.ofSeconds(1));
        assertThat(Backoff.after(2, SECOND, CEILING)).isEqualTo(Duration.ofSeconds(2));
        assertThat(Backoff.after(4, SECOND, CEILING)).isEqualTo(Duration.ofSeconds(8));
        assertThat(Backoff.after(40, SECOND, CEILING)).isEqualTo(CEILING);
    }

    @Test
    void retryAfterIsReadInSecondsOrAsAnHttpDate() {
        Instant now = Instant.parse("2025-03-01T10:00:00Z");
        assertThat(Backoff.retryAfter("7", now)).contains(Duration.ofSeconds(7));
        assertThat(Backoff.retryAfter("Sat, 01 Mar 2025 10:01:30 GMT", now)).contains(Duration.ofSeconds(90));
        assertThat(Backoff.retryAfter("Sat, 01 Mar 2025 09:00:00 GMT", now)).contains(Duration.ZERO);
        assertThat(Backoff.retryAfter("soon", now)).isEmpty();
        assertThat(Backoff.retryAfter(null, now)).isEmpty();
    }
}
