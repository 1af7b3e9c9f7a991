package dev.rapport.contacts.interactions;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.rapport.testkit.ApiClient;
import dev.rapport.testkit.ApiClient.Answer;
import dev.rapport.testkit.RapportIntegrationTest;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * A write whose instance died ({@code kill -9}) after storing the aggregate and before keeping the key's answer:
 * the client's retry with the same {@code Idempotency-Key}, once the key's lease has run out, gets what the dead
 * run stored instead of a second write.
 */
@RapportIntegrationTest
class IdempotentRetryAfterCrashIT {

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    String member;
    ApiClient api;

    @BeforeEach
    void member() {
        member = "member-" + UUID.randomUUID();
        api = ApiClient.asMember(port, member);
    }

    @Test
    void aRetryAfterTheInstanceDiedBetweenTheWriteAndTheAnswerLogsNoSecondInteraction() {
        String contactId = api.post("/api/v1/contacts", Map.of("firstName", "Inés"))
                .json()
                .get("id")
                .asString();
        Map<String, Object> body = Map.of(
                "contactIds", List.of(contactId),
                "type", "call",
                "occurredAt", Instant.now().minusSeconds(60).toString(),
                "promises", List.of(Map.of("owedBy", "me", "what", "send the deck", "dueOn", "2030-01-10")));
        ApiClient retrying = api.header("Idempotency-Key", "crash-" + UUID.randomUUID());
        Answer first = retrying.post("/api/v1/interactions", body);
        assertThat(first.status()).isEqualTo(201);
        String interactionId = first.json().get("id").asString();
        diedBeforeItsAnswerWasKept();

        Answer retry = retrying.post("/api/v1/interactions", body);

        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.json().get("id").asString()).isEqualTo(interactionId);
        assertThat(api.get("/api/v1/contacts/" + contactId + "/interactions")
                        .json()
                        .size())
                .isEqualTo(1);
        // And the key is an ordinary kept answer again.
        Answer again = retrying.post("/api/v1/interactions", body);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.json().get("id").asString()).isEqualTo(interactionId);
    }

    /** What a kill -9 between the aggregate's write and the key's answer leaves: the key running, its lease over. */
    private void diedBeforeItsAnswerWasKept() {
        long updated = mongo.getCollection("idempotency_keys")
                .updateOne(
                        Filters.eq("memberId", member),
                        Updates.combine(
                                Updates.set("state", "running"),
                                Updates.set("leaseUntil", new Date(System.currentTimeMillis() - 1_000)),
                                Updates.unset("status"),
                                Updates.unset("headers"),
                                Updates.unset("body"),
                                Updates.unset("bodyOmitted")))
                .getModifiedCount();
        assertThat(updated).isEqualTo(1);
    }
}
