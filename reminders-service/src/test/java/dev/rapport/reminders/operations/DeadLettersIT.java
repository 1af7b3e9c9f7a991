package dev.rapport.reminders.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rapport.testkit.ApiClient;
import dev.rapport.testkit.KafkaProbe;
import dev.rapport.testkit.RapportIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The operators' dead-letter API on the management port, on the real broker: list, show, replay through the
 * idempotent consumer, discard with a reason, every decision logged with its operator.
 */
@RapportIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class DeadLettersIT {

    static final String DLQ = "reminders-service.dlq";
    static final String TYPE = "rapport.contacts.InteractionLogged.v1";

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    String member;
    ApiClient api;
    ApiClient operator;

    @BeforeEach
    void clients() {
        member = "member-" + UUID.randomUUID();
        api = ApiClient.asMember(port, member);
        operator = ApiClient.anonymous("http://127.0.0.1:" + managementPort);
    }

    @Test
    void aPoisonRecordIsListedShownAndDiscardedWithAReasonByANamedOperator(CapturedOutput output) {
        String poisonId = UUID.randomUUID().toString();
        sendTo("contacts.events", poisonId, "{ this is not json");

        JsonNode listed =
                await().atMost(Duration.ofSeconds(60)).until(() -> findListed(poisonId), java.util.Objects::nonNull);
        assertThat(listed.get("type").asString()).isEqualTo(TYPE);
        assertThat(listed.get("status").asString()).isEqualTo("open");
        assertThat(listed.get("reason").asString()).isNotBlank();
        assertThat(listed.get("deadLetteredAt").asString()).isNotBlank();
        String id = listed.get("id").asString();

        var shown = operator.get("/actuator/deadletters/" + id);
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.json().get("payload").asString()).isEqualTo("{ this is not json");
        assertThat(shown.json().get("headers").get("ce_id").asString()).isEqualTo(poisonId);
        assertThat(shown.json().get("error").get("exception").asString()).isNotBlank();
        assertThat(shown.json().get("error").get("originalTopic").asString()).isEqualTo("contacts.events");
        assertThat(shown.json().get("error").get("stacktrace").asString()).contains("MalformedEventException");

        // A replay of a poison record fails again and leaves it open.
        var replay = operator.post("/actuator/deadletters/" + id, Map.of("action", "replay", "operator", "alice"));
        assertThat(replay.status()).isEqualTo(422);
        assertThat(replay.json().get("detail").asString()).contains("failed again");
        assertThat(findListed(poisonId).get("status").asString()).isEqualTo("open");

        assertThat(operator.post("/actuator/deadletters/" + id, Map.of("action", "discard", "operator", "alice"))
                        .status())
                .as("a discard needs a reason")
                .isEqualTo(400);
        var discarded = operator.post(
                "/actuator/deadletters/" + id,
                Map.of("action", "discard", "operator", "alice", "reason", "test record, not an event"));
        assertThat(discarded.status()).isEqualTo(200);
        assertThat(discarded.json().get("status").asString()).isEqualTo("discarded");
        assertThat(output.getAll()).contains("discarded by operator alice: test record, not an event");

        JsonNode after = findListed(poisonId);
        assertThat(after.get("status").asString()).isEqualTo("discarded");
        assertThat(after.get("decision").get("operator").asString()).isEqualTo("alice");
        assertThat(after.get("decision").get("reason").asString()).isEqualTo("test record, not an event");
        var again = operator.post(
                "/actuator/deadletters/" + id, Map.of("action", "discard", "operator", "bob", "reason", "again"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(operator.get("/actuator/deadletters?status=open&limit=500")
                        .json()
                        .get("items")
                        .valueStream()
                        .map(item -> item.get("eventId").asString()))
                .doesNotContain(poisonId);
    }

    @Test
    void aReplayGoesThroughTheIdempotentConsumerSoReplayingTheSameEventTwiceCreatesOneReminder(CapturedOutput output) {
        // As if the consumer had failed on it while MongoDB was down: a good event, dead-lettered twice.
        String eventId = UUID.randomUUID().toString();
        String event = interactionLogged(eventId);
        sendTo(DLQ, eventId, event);
        sendTo(DLQ, eventId, event);
        await().atMost(Duration.ofSeconds(30)).until(() -> listedAll(eventId).size() == 2);
        var letters = listedAll(eventId);
        String first = letters.get(0).get("id").asString();
        String second = letters.get(1).get("id").asString();
        assertThat(openReminders()).isZero();

        var replayed = operator.post("/actuator/deadletters/" + first, Map.of("action", "replay", "operator", "carol"));
        assertThat(replayed.status()).as(replayed.raw().body()).isEqualTo(200);
        assertThat(replayed.json().get("status").asString()).isEqualTo("replayed");
        assertThat(openReminders()).isEqualTo(1);
        assertThat(output.getAll()).contains("replayed by operator carol");

        assertThat(operator.post("/actuator/deadletters/" + first, Map.of("action", "replay", "operator", "carol"))
                        .status())
                .as("already replayed")
                .isEqualTo(409);
        // The same event again (the second copy): accepted, and the inbox skips it.
        assertThat(operator.post("/actuator/deadletters/" + second, Map.of("action", "replay", "operator", "carol"))
                        .status())
                .isEqualTo(200);
        assertThat(openReminders()).isEqualTo(1);
    }

    @Test
    void aFilterReplaysEveryOpenLetterOfATypeAndNeedsAFilterOrAll() {
        var unfiltered = operator.post("/actuator/deadletters", Map.of("action", "replay", "operator", "dave"));
        assertThat(unfiltered.status()).isEqualTo(400);
        assertThat(unfiltered.json().get("detail").asString()).contains("all=true");

        String one = UUID.randomUUID().toString();
        String two = UUID.randomUUID().toString();
        sendTo(DLQ, one, interactionLogged(one));
        sendTo(DLQ, two, interactionLogged(two));
        await().atMost(Duration.ofSeconds(30)).until(() -> findListed(one) != null && findListed(two) != null);
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("action", "replay");
        request.put("operator", "dave");
        request.put("type", TYPE);
        request.put("since", Instant.now().minusSeconds(600).toString());
        var replayed = operator.post("/actuator/deadletters", request);
        assertThat(replayed.status()).as(replayed.raw().body()).isEqualTo(200);
        assertThat(replayed.json().get("replayed").valueStream().map(JsonNode::asString))
                .contains(
                        findListed(one).get("id").asString(),
                        findListed(two).get("id").asString());
        assertThat(openReminders()).isEqualTo(2);
    }

    @Test
    void badRequestsAreRefusedWithAProblem() {
        assertThat(operator.get("/actuator/deadletters?limit=0").status()).isEqualTo(400);
        assertThat(operator.get("/actuator/deadletters?status=lost").status()).isEqualTo(400);
        assertThat(operator.get("/actuator/deadletters?since=yesterday").status())
                .isEqualTo(400);
        var badId = operator.get("/actuator/deadletters/not-an-id");
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.json().get("detail").asString()).contains("<partition>-<offset>");
        assertThat(operator.get("/actuator/deadletters/0-999999999").status()).isEqualTo(404);
        var noOperator = operator.post("/actuator/deadletters/0-0", Map.of("action", "replay", "operator", " "));
        assertThat(noOperator.status()).isEqualTo(400);
        assertThat(operator.post("/actuator/deadletters/0-0", Map.of("action", "delete", "operator", "erin"))
                        .status())
                .isEqualTo(400);
    }

    @Test
    void theApiIsOnlyOnTheManagementPortAndTheOpenCountIsAMetric() {
        assertThat(ApiClient.anonymous("http://127.0.0.1:" + port)
                        .get("/actuator/deadletters")
                        .status())
                .isIn(401, 404);
        String poisonId = UUID.randomUUID().toString();
        sendTo(DLQ, poisonId, "{}");
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(
                                operator.get("/actuator/prometheus").raw().body())
                        .containsPattern(
                                "rapport_deadletters_open\\{[^}]*topic=\"reminders-service.dlq\"[^}]*} [1-9]"));
    }

    @Test
    void theWebhookFanOutsDeadLettersAreServedUnderTheirOwnTopicAndCounted() {
        String webhooks = "reminders-service-webhooks.dlq";
        String poisonId = UUID.randomUUID().toString();
        // Only the webhook fan-out's consumer group reads reminders.events.
        sendTo("reminders.events", poisonId, "{ this is not json");

        String query = "/actuator/deadletters?limit=500&topic=" + webhooks;
        JsonNode listed = await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> java.util.stream.StreamSupport.stream(
                                        operator.get(query).json().get("items").spliterator(), false)
                                .filter(item ->
                                        poisonId.equals(item.get("eventId").asString(null)))
                                .findFirst()
                                .orElse(null),
                        java.util.Objects::nonNull);
        JsonNode page = operator.get(query).json();
        assertThat(page.get("topic").asString()).isEqualTo(webhooks);
        assertThat(page.get("topics").valueStream().map(JsonNode::asString)).containsExactly(DLQ, webhooks);
        assertThat(listedAll(poisonId)).as("not in the inbox's topic").isEmpty();

        String id = listed.get("id").asString();
        var shown = operator.get("/actuator/deadletters/" + id + "?topic=" + webhooks);
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.json().get("payload").asString()).contains("not json");
        var discarded = operator.post(
                "/actuator/deadletters/" + id,
                Map.of("action", "discard", "operator", "alice", "reason", "poison", "topic", webhooks));
        assertThat(discarded.status()).as(discarded.raw().body()).isEqualTo(200);
        assertThat(discarded.json().get("status").asString()).isEqualTo("discarded");
        assertThat(operator.get("/actuator/deadletters?topic=nowhere.dlq").status())
                .isEqualTo(400);
        assertThat(operator.get("/actuator/prometheus").raw().body())
                .containsPattern("rapport_deadletters_open\\{[^}]*topic=\"reminders-service-webhooks.dlq\"[^}]*}");
    }

    private JsonNode findListed(String eventId) {
        var all = listedAll(eventId);
        return all.isEmpty() ? null : all.getLast();
    }

    private java.util.List<JsonNode> listedAll(String eventId) {
        var answer = operator.get("/actuator/deadletters?limit=500");
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
        java.util.List<JsonNode> found = new java.util.ArrayList<>();
        String after = null;
        JsonNode page = answer.json();
        while (true) {
            page.get("items").forEach(item -> {
                if (eventId.equals(item.get("eventId").asString(null))) {
                    found.add(item);
                }
            });
            if (page.get("next") == null || page.get("next").isNull()) {
                return found;
            }
            after = page.get("next").asString();
            page = operator.get("/actuator/deadletters?limit=500&after=" + after)
                    .json();
        }
    }

    private int openReminders() {
        return api.get("/api/v1/reminders?status=open").json().get("total").asInt();
    }

    private void sendTo(String topic, String eventId, String data) {
        KafkaProbe.send(
                topic,
                member,
                data,
                Map.of(
                        "ce_id", eventId,
                        "ce_type", TYPE,
                        "ce_source", "/rapport/contacts-service",
                        "ce_specversion", "1.0",
                        "content-type", "application/json",
                        "contentType", "application/json"));
    }

    private String interactionLogged(String eventId) {
        return """
                {"eventId":"%s","occurredAt":"%s","memberId":"%s","tenantId":"alumni",
                 "interactionId":"%s","contacts":[{"contactId":"c1","displayName":"Ana Pérez"}],
                 "type":"coffee","direction":"outbound","interactionAt":"%s","summary":"Coffee in Madrid",
                 "promises":[{"promiseId":"%s","owedBy":"me","what":"send the article","dueOn":"2030-01-10","done":false}]}
                """.formatted(
                eventId, Instant.now(), member, UUID.randomUUID(), Instant.now(), "promise-" + UUID.randomUUID());
    }
}
