package dev.rapport.support.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.dao.OptimisticLockingFailureException;

class OptimisticRetryTest {

    @Test
    void anAttemptThatLostToAConcurrentWriteIsRunAgain() {
        AtomicInteger runs = new AtomicInteger();
        String result = OptimisticRetry.retry(5, () -> {
            if (runs.incrementAndGet() < 3) {
                throw new OptimisticLockingFailureException("stale");
            }
            return "saved";
        });
        assertThat(result).isEqualTo("saved");
        assertThat(runs).hasValue(3);
    }

    @Test
    void theLastFailureIsThrownAfterTheLastAttempt() {
        AtomicInteger runs = new AtomicInteger();
        assertThatThrownBy(() -> OptimisticRetry.retry(3, () -> {
                    runs.incrementAndGet();
                    throw new OptimisticLockingFailureException("stale " + runs.get());
                }))
                .isInstanceOf(OptimisticLockingFailureException.class)
                .hasMessage("stale 3");
        assertThat(runs).hasValue(3);
    }

    @Test
    void otherFailuresAreNotRetried() {
        AtomicInteger runs = new AtomicInteger();
        assertThatThrownBy(() -> OptimisticRetry.retry(3, () -> {
                    runs.incrementAndGet();
                    throw new IllegalStateException("no");
                }))
                .isInstanceOf(IllegalStateException.class);
        assertThat(runs).hasValue(1);
    }
}
