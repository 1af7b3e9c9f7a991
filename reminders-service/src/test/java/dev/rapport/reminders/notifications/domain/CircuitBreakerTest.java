package dev.rapport.reminders.notifications.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    static final Instant NOW = Instant.parse("2026-03-10T08:00:00Z");
    final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofMinutes(15));

    @Test
    void theCircuitOpensAfterTheThresholdOfConsecutiveFailures() {
        var state = CircuitBreaker.State.CLOSED;
        state = breaker.onFailure(state, NOW);
        state = breaker.onFailure(state, NOW);
        assertThat(breaker.allows(state, NOW)).isTrue();
        state = breaker.onFailure(state, NOW);
        assertThat(breaker.allows(state, NOW)).isFalse();
        assertThat(breaker.allows(state, NOW.plus(Duration.ofMinutes(14)))).isFalse();
    }

    @Test
    void afterTheOpenPeriodOneTrialDecidesWhetherItClosesOrOpensAgain() {
        var open = new CircuitBreaker.State(3, NOW);
        Instant later = NOW.plus(Duration.ofMinutes(15));
        assertThat(breaker.allows(open, later)).isTrue();
        var reopened = breaker.onFailure(open, later);
        assertThat(breaker.allows(reopened, later.plusSeconds(1))).isFalse();
        assertThat(breaker.onSuccess()).isEqualTo(CircuitBreaker.State.CLOSED);
    }
}
