package dev.rapport.support.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.support.web.IdempotencyProperties;
import dev.rapport.support.web.IdempotentRequests;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/**
 * A keyed request that failed with an error after writing: its retry runs again as a resumed run of the same request
 * (the write path then returns what the failed run inserted instead of inserting it twice); another request on the
 * same key runs as a new one.
 */
class FailedKeyedRequestTest {

    static final IdentityAssertion ANA = new IdentityAssertion(
            "member-ana", "tenant-1", Set.of(), Instant.now().plus(Duration.ofDays(365)));

    MongoServer server;
    MongoClient client;
    MongoTemplate mongo;
    IdempotentRequests requests;

    /** What each run saw of its scope: whether it was resumed, and the key its first insert would carry. */
    final List<String> runs = new ArrayList<>();

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
        mongo = new MongoTemplate(client, "idempotency");
        requests = new IdempotentRequests(
                mongo,
                JsonMapper.builder().build(),
                Clock.systemUTC(),
                new IdempotencyProperties(Duration.ofHours(24), Duration.ofMinutes(1), null, 64));
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    private ResponseEntity<?> run(String key, Object body, boolean fail) {
        return requests.execute(ANA, key, body, () -> {
            IdempotentScope scope = IdempotentScope.current();
            runs.add((scope.resumed() ? "resumed " : "new ") + scope.nextInsertKey());
            if (fail) {
                throw new IllegalStateException("failed after its first write");
            }
            return ResponseEntity.created(URI.create("/things/1")).body(Map.of("id", 1));
        });
    }

    @Test
    void aRetryOfAFailedRequestRunsAgainWithTheFailedRunsSeed() {
        assertThatThrownBy(() -> run("k1", Map.of("name", "Ana"), true)).isInstanceOf(IllegalStateException.class);
        assertThat(mongo.getCollection("idempotency_keys")
                        .find(Filters.eq("_id", "member-ana:k1"))
                        .first()
                        .getString("state"))
                .isEqualTo("failed");

        ResponseEntity<?> retry = run("k1", Map.of("name", "Ana"), false);

        assertThat(retry.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(runs).hasSize(2);
        assertThat(runs.get(0)).startsWith("new ");
        // The same insert key, so Aggregates.insert finds what the failed run stored instead of a second aggregate.
        assertThat(runs.get(1)).isEqualTo("resumed " + runs.get(0).substring("new ".length()));
        // And from then on it is an ordinary kept answer.
        assertThat(run("k1", Map.of("name", "Ana"), false).getHeaders().getFirst("Idempotent-Replayed"))
                .isEqualTo("true");
        assertThat(runs).hasSize(2);
    }

    @Test
    void anotherRequestOnTheKeyOfAFailedOneRunsAsANewRequest() {
        assertThatThrownBy(() -> run("k2", Map.of("name", "Ana"), true)).isInstanceOf(IllegalStateException.class);

        ResponseEntity<?> other = run("k2", Map.of("name", "Luis"), false);

        assertThat(other.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(runs.get(1)).startsWith("new ").isNotEqualTo(runs.get(0));
    }
}
