package dev.rapport.reminders.notifications.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void theWaitDoublesAfterEachFailureUpToTheMaximum() {
        var policy = new RetryPolicy(Duration.ofSeconds(30), Duration.ofMinutes(5), 0, 6);
        assertThat(policy.delayAfter(1, 0.5)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.delayAfter(2, 0.5)).isEqualTo(Duration.ofSeconds(60));
        assertThat(policy.delayAfter(3, 0.5)).isEqualTo(Duration.ofSeconds(120));
        assertThat(policy.delayAfter(4, 0.5)).isEqualTo(Duration.ofSeconds(240));
        assertThat(policy.delayAfter(5, 0.5)).isEqualTo(Duration.ofMinutes(5));
        assertThat(policy.delayAfter(50, 0.5)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void jitterSpreadsTheWaitWithinItsShare() {
        var policy = new RetryPolicy(Duration.ofSeconds(100), Duration.ofSeconds(100), 0.2, 6);
        assertThat(policy.delayAfter(1, 0)).isEqualTo(Duration.ofSeconds(80));
        assertThat(policy.delayAfter(1, 0.5)).isEqualTo(Duration.ofSeconds(100));
        assertThat(policy.delayAfter(1, 0.999999)).isBetween(Duration.ofSeconds(119), Duration.ofSeconds(120));
    }

    @Test
    void attemptsAreBounded() {
        var policy = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), 0, 3);
        assertThat(policy.mayRetry(2)).isTrue();
        assertThat(policy.mayRetry(3)).isFalse();
        assertThatThrownBy(() -> new RetryPolicy(Duration.ZERO, Duration.ofSeconds(1), 0, 3))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
