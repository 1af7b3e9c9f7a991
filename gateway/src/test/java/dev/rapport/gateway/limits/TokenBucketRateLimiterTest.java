package dev.rapport.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TokenBucketRateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final TokenBucketRateLimiter limiter = new TokenBucketRateLimiter(20, 40, now::get);

    @Test
    void fullBucketAllowsTheBurstThenRefusesWithTheTimeUntilTheNextToken() {
        assertThat(IntStream.range(0, 40).mapToObj(i -> limiter.tryAcquire("ana")))
                .allMatch(TokenBucketRateLimiter.Decision::allowed);

        TokenBucketRateLimiter.Decision refused = limiter.tryAcquire("ana");

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofMillis(50));
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
    }

    @Test
    void tokensComeBackAtTheConfiguredRate() {
        IntStream.range(0, 40).forEach(i -> limiter.tryAcquire("ana"));

        advance(Duration.ofMillis(100));

        assertThat(limiter.tryAcquire("ana").allowed()).isTrue();
        assertThat(limiter.tryAcquire("ana").allowed()).isTrue();
        assertThat(limiter.tryAcquire("ana").allowed()).isFalse();
    }

    @Test
    void refillNeverExceedsTheBurst() {
        advance(Duration.ofHours(1));

        long allowed = IntStream.range(0, 100)
                .mapToObj(i -> limiter.tryAcquire("ana"))
                .filter(TokenBucketRateLimiter.Decision::allowed)
                .count();

        assertThat(allowed).isEqualTo(40);
    }

    @Test
    void eachKeyHasItsOwnBucket() {
        IntStream.range(0, 40).forEach(i -> limiter.tryAcquire("ana"));

        assertThat(limiter.tryAcquire("ana").allowed()).isFalse();
        assertThat(limiter.tryAcquire("ben").allowed()).isTrue();
    }

    @Test
    void bucketsThatRefilledCompletelyAreForgotten() {
        limiter.tryAcquire("ana");
        limiter.tryAcquire("ben");
        assertThat(limiter.trackedKeys()).isEqualTo(2);

        advance(Duration.ofSeconds(3));
        limiter.tryAcquire("carla");

        assertThat(limiter.trackedKeys()).isEqualTo(1);
    }

    @Test
    void slowRateAsksForAWaitOfSeveralSeconds() {
        TokenBucketRateLimiter slow = new TokenBucketRateLimiter(0.25, 1, now::get);
        slow.tryAcquire("ana");

        assertThat(slow.tryAcquire("ana").retryAfterSeconds()).isEqualTo(4);
    }

    @Test
    void refusesANonPositiveRateOrAnEmptyBucket() {
        assertThatIllegalArgumentException().isThrownBy(() -> new TokenBucketRateLimiter(0, 10, now::get));
        assertThatIllegalArgumentException().isThrownBy(() -> new TokenBucketRateLimiter(10, 0, now::get));
    }

    private void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }
}
