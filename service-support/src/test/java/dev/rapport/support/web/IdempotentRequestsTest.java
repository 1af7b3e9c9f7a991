package dev.rapport.support.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.rapport.contracts.identity.IdentityAssertion;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/** Idempotency keys on the embedded MongoDB-wire server, with a clock the test moves. */
class IdempotentRequestsTest {

    static final Instant START = Instant.parse("2026-03-10T09:00:00Z");
    static final IdentityAssertion ANA =
            new IdentityAssertion("member-ana", "tenant-1", Set.of(), START.plus(Duration.ofDays(365)));

    /** A clock the test sets. */
    static final class MovingClock extends Clock {
        Instant now = START;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    MongoServer server;
    MongoClient client;
    MongoTemplate mongo;
    MovingClock clock = new MovingClock();
    IdempotentRequests requests;
    AtomicInteger runs = new AtomicInteger();

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://" + hostPort(server.bind()));
        mongo = new MongoTemplate(client, "idempotency");
        requests = new IdempotentRequests(
                mongo,
                JsonMapper.builder().build(),
                clock,
                new IdempotencyProperties(Duration.ofHours(24), Duration.ofMinutes(1), null, 64));
    }

    private static String hostPort(java.net.InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    private ResponseEntity<?> create(String key, Object body) {
        return requests.execute(ANA, key, body, () -> {
            int n = runs.incrementAndGet();
            return ResponseEntity.created(URI.create("/things/" + n))
                    .eTag("\"" + n + "\"")
                    .body(Map.of("id", n));
        });
    }

    private Document stored(String key) {
        return mongo.getCollection("idempotency_keys")
                .find(Filters.eq("_id", "member-ana:" + key))
                .first();
    }

    @Test
    void aRetryIsAnsweredFromTheKeptAnswerWithoutRunningAgain() {
        ResponseEntity<?> first = create("k1", Map.of("name", "Ana"));
        ResponseEntity<?> retry = create("k1", Map.of("name", "Ana"));

        assertThat(runs).hasValue(1);
        assertThat(retry.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(retry.getHeaders().getLocation())
                .isEqualTo(first.getHeaders().getLocation());
        assertThat(retry.getHeaders().getETag()).isEqualTo("\"1\"");
        assertThat(retry.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.getBody()).isEqualTo("{\"id\":1}");
    }

    @Test
    void aKeyLeftRunningByACrashIsTakenOverByARetryAfterTheLease() {
        leaveRunning("k2", Map.of("name", "Ana"));

        clock.now = START.plusSeconds(30);
        assertThatThrownBy(() -> create("k2", Map.of("name", "Ana")))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT));

        clock.now = START.plusSeconds(61);
        ResponseEntity<?> retry = create("k2", Map.of("name", "Ana"));
        assertThat(retry.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(retry.getHeaders().getFirst("Idempotent-Replayed")).isNull();
        assertThat(runs).hasValue(1);
        assertThat(stored("k2").getString("state")).isEqualTo("done");

        // And from then on it is an ordinary kept answer.
        assertThat(create("k2", Map.of("name", "Ana")).getHeaders().getFirst("Idempotent-Replayed"))
                .isEqualTo("true");
        assertThat(runs).hasValue(1);
    }

    @Test
    void aCrashedKeyIsNotTakenOverWithAnotherBody() {
        leaveRunning("k3", Map.of("name", "Ana"));
        clock.now = START.plusSeconds(61);

        assertThatThrownBy(() -> create("k3", Map.of("name", "Luis")))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT));
        assertThat(runs).hasValue(0);
    }

    @Test
    void keysExpireAfterTheirTimeToLiveAndThePurgeDeletesThem() {
        create("k4", Map.of("name", "Ana"));
        create("old", Map.of("name", "Ana"));

        clock.now = START.plus(Duration.ofHours(23));
        assertThat(requests.purgeExpired()).isZero();
        create("k4", Map.of("name", "Ana"));
        assertThat(runs).hasValue(2);

        clock.now = START.plus(Duration.ofHours(24)).plusSeconds(1);
        // Expired but not purged yet: the key is free again, even with another body.
        ResponseEntity<?> again = create("k4", Map.of("name", "Someone else"));
        assertThat(again.getHeaders().getFirst("Idempotent-Replayed")).isNull();
        assertThat(runs).hasValue(3);

        assertThat(requests.purgeExpired()).isEqualTo(1); // "old"; k4 was renewed by its new request
        assertThat(stored("old")).isNull();
        assertThat(stored("k4")).isNotNull();
    }

    @Test
    void keysWrittenBeforeExpiryExistedArePurgedByTheirAge() {
        mongo.getCollection("idempotency_keys")
                .insertOne(new Document("_id", "member-ana:legacy")
                        .append("memberId", "member-ana")
                        .append("state", "running")
                        .append("createdAt", Date.from(START.minus(Duration.ofDays(30)))));

        assertThat(requests.purgeExpired()).isEqualTo(1);
    }

    @Test
    void aLargeBodyIsNotKeptAndTheRetryGetsStatusAndLocationOnly() {
        String big = "x".repeat(100);
        ResponseEntity<?> first = requests.execute(
                ANA,
                "k5",
                Map.of("name", "Ana"),
                () -> ResponseEntity.created(URI.create("/things/big")).body(Map.of("text", big)));
        assertThat(stored("k5").get("body")).isNull();
        assertThat(stored("k5").getBoolean("bodyOmitted")).isTrue();

        ResponseEntity<?> retry = create("k5", Map.of("name", "Ana"));
        assertThat(retry.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(retry.getHeaders().getLocation())
                .isEqualTo(first.getHeaders().getLocation());
        assertThat(retry.getBody()).isNull();
        assertThat(runs).hasValue(0);
    }

    @Test
    void theTtlIndexIsDeclaredOnTheExpiryEachKeyCarries() {
        assertThat(dev.rapport.support.events.SupportIndexes.defaults()).anySatisfy(index -> {
            assertThat(index.collection()).isEqualTo("idempotency_keys");
            assertThat(index.fields()).containsExactly("expiresAt");
            assertThat(index.expireAfter()).isEqualTo(java.time.Duration.ZERO);
        });
    }

    private void leaveRunning(String key, Object body) {
        try {
            requests.execute(ANA, key, body, () -> {
                throw new Error("the instance died");
            });
        } catch (Error expected) {
            // An Error is not a failed request but a dying instance: nothing cleans the key up.
        }
        assertThat(stored(key).getString("state")).isEqualTo("running");
    }
}
