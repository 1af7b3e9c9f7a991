package dev.rapport.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rapport.testkit.ApiClient;
import dev.rapport.testkit.ApiClient.Answer;
import dev.rapport.testkit.KafkaProbe;
import dev.rapport.testkit.RapportIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@RapportIntegrationTest
class WalkingSkeletonIT {

    @LocalServerPort
    int port;

    String member;
    ApiClient api;

    @BeforeEach
    void member() {
        member = "member-" + UUID.randomUUID();
        api = ApiClient.asMember(port, member);
    }

    @Test
    void loggingAnInteractionPublishesInteractionLoggedAsABinaryCloudEventKeyedByMember() {
        String contactId = api.post(
                        "/api/v1/contacts", Map.of("firstName", "José", "lastName", "Núñez", "tier", "inner"))
                .json()
                .get("id")
                .asString();
        Answer logged = api.post(
                "/api/v1/interactions",
                Map.of(
                        "contactIds", List.of(contactId),
                        "type", "coffee",
                        "occurredAt", Instant.now().minusSeconds(3600).toString(),
                        "summary", "Talked about her move to Lisbon",
                        "promises",
                                List.of(Map.of("owedBy", "me", "what", "send the article", "dueOn", "2030-01-10"))));
        assertThat(logged.status()).isEqualTo(201);
        String interactionId = logged.json().get("id").asString();

        try (KafkaProbe probe = KafkaProbe.reading("contacts.events")) {
            ConsumerRecord<String, String> record = await().atMost(Duration.ofSeconds(60))
                    .until(
                            () -> probe.poll().stream()
                                    .filter(r -> r.value().contains(interactionId))
                                    .findFirst(),
                            java.util.Optional::isPresent)
                    .orElseThrow();
            assertThat(record.key()).isEqualTo(member);
            assertThat(KafkaProbe.headers(record))
                    .containsEntry("ce_subject", interactionId)
                    .containsEntry("ce_type", "rapport.contacts.InteractionLogged.v1")
                    .containsEntry("ce_specversion", "1.0")
                    .containsEntry("ce_source", "/rapport/contacts-service")
                    .containsEntry("content-type", "application/json")
                    .containsKeys("ce_id", "ce_time");
            assertThat(record.value()).contains("\"summary\":\"Talked about her move to Lisbon\"", "send the article");
        }
    }

    @Test
    void aRequestWithoutTheGatewaysIdentityIsRefused() {
        Answer answer = ApiClient.anonymous("http://127.0.0.1:" + port).get("/api/v1/contacts");
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.contentType()).startsWith("application/problem+json");

        Answer forged = ApiClient.anonymous("http://127.0.0.1:" + port)
                .header("X-Rapport-Identity", "v1.bWFsbG9yeXxhbHVtbml8Y29udGFjdHM6d3JpdGV8OTk5OTk5OTk5OQ.c2lnbmF0dXJl")
                .get("/api/v1/contacts");
        assertThat(forged.status()).isEqualTo(401);
    }

    @Test
    void anotherMembersContactAnswers404() {
        String contactId = api.post("/api/v1/contacts", Map.of("firstName", "Ana"))
                .json()
                .get("id")
                .asString();
        ApiClient mallory = ApiClient.asMember(port, "mallory-" + UUID.randomUUID());
        assertThat(mallory.get("/api/v1/contacts/" + contactId).status()).isEqualTo(404);
        assertThat(mallory.post(
                                "/api/v1/interactions",
                                Map.of(
                                        "contactIds", List.of(contactId),
                                        "type", "call",
                                        "occurredAt", Instant.now().toString()))
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/contacts/" + contactId + "/interactions").json())
                .isEmpty();
    }

    @Test
    void invalidInputAnswersProblemJsonWithTheFailingFieldsAndStoresNothing() {
        Answer answer =
                api.post("/api/v1/contacts", Map.of("firstName", "x".repeat(101), "emails", List.of("not-an-email")));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("errors").findValuesAsString("field")).contains("firstName", "emails[0]");
        assertThat(api.get("/api/v1/contacts").json().get("total").asInt()).isZero();

        Answer future = api.post(
                "/api/v1/interactions",
                Map.of("contactIds", List.of("x"), "type", "call", "occurredAt", "2999-01-01T00:00:00Z"));
        assertThat(future.status()).isEqualTo(400);
        assertThat(future.json().get("errors").findValuesAsString("field")).contains("occurredAt");
    }

    @Test
    void aRetriedPostWithTheSameIdempotencyKeyCreatesOneContact() {
        ApiClient retrying = api.header("Idempotency-Key", "import-42");
        Answer first = retrying.post("/api/v1/contacts", Map.of("firstName", "Lucía"));
        Answer second = retrying.post("/api/v1/contacts", Map.of("firstName", "Lucía"));
        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.json().get("id").asString())
                .isEqualTo(first.json().get("id").asString());
        assertThat(api.get("/api/v1/contacts").json().get("total").asInt()).isEqualTo(1);
        assertThat(retrying.post("/api/v1/contacts", Map.of("firstName", "Other"))
                        .status())
                .isEqualTo(422);
    }

    @Test
    void aBackdatedInteractionNeverMovesTheKeepInTouchClockBackwards() {
        String contactId = api.post("/api/v1/contacts", Map.of("firstName", "Marta", "tier", "inner"))
                .json()
                .get("id")
                .asString();
        Instant recent = Instant.parse("2026-01-10T10:00:00Z");
        api.post(
                "/api/v1/interactions",
                Map.of("contactIds", List.of(contactId), "type", "call", "occurredAt", recent.toString()));
        api.post(
                "/api/v1/interactions",
                Map.of("contactIds", List.of(contactId), "type", "coffee", "occurredAt", "2025-06-01T10:00:00Z"));
        Answer contact = api.get("/api/v1/contacts/" + contactId);
        assertThat(Instant.parse(contact.json().get("lastInteractionAt").asString()))
                .isEqualTo(recent);
        assertThat(Instant.parse(contact.json().get("nextTouchDueAt").asString()))
                .isEqualTo(recent.plus(Duration.ofDays(30)));
    }

    @Test
    void searchIsCaseAndAccentInsensitive() {
        api.post("/api/v1/contacts", Map.of("firstName", "José", "lastName", "Núñez", "company", "Telefónica"));
        api.post("/api/v1/contacts", Map.of("firstName", "John", "lastName", "Smith"));
        Answer found = api.get("/api/v1/contacts?q=jose%20nunez");
        assertThat(found.json().get("total").asInt()).isEqualTo(1);
        assertThat(found.json().get("items").get(0).get("displayName").asString())
                .isEqualTo("José Núñez");
    }
}
