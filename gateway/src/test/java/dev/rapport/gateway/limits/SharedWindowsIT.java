package dev.rapport.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import dev.rapport.testkit.TestInfrastructure;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/** Two gateway instances' windows on one store: each learns what the other counted. */
class SharedWindowsIT {

    private final MongoClient client =
            MongoClients.create(TestInfrastructure.endpoints().mongoUri());
    private final ReactiveMongoTemplate mongo = new ReactiveMongoTemplate(client, "rapport-gateway-test");
    private final SharedWindows first =
            new SharedWindows(mongo, Clock.systemUTC(), Duration.ofMinutes(1), Duration.ofMillis(100));
    private final SharedWindows second =
            new SharedWindows(mongo, Clock.systemUTC(), Duration.ofMinutes(1), Duration.ofMillis(100));

    @AfterEach
    void close() {
        first.close();
        second.close();
        client.close();
    }

    @Test
    void whatOneInstanceCountsLimitsTheOtherWithinOneSyncInterval() {
        String key = "member:" + UUID.randomUUID();

        for (int i = 0; i < 30; i++) {
            first.add(key, 1, false).block();
        }
        assertThat(first.exhausted(key, 30)).isTrue();
        assertThat(second.exhausted(key, 30)).isFalse();

        // The second instance learns the total when it shares its own count.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            second.add(key, 1, true).block();
            assertThat(second.exhausted(key, 30)).isTrue();
        });
    }

    @Test
    void countsSentAtOnceAreSeenByTheSenderAtOnce() {
        String key = "unverified:" + UUID.randomUUID();
        first.add(key, 2, true).block();
        second.add(key, 1, true).block();

        assertThat(second.exhausted(key, 3)).isTrue();
        assertThat(second.exhausted(key, 4)).isFalse();
    }
}
