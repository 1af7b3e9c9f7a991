package dev.rapport.contacts.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import dev.rapport.contracts.events.ContentPublished;
import dev.rapport.contracts.events.MemberDataErased;
import dev.rapport.testkit.ApiClient;
import dev.rapport.testkit.KafkaProbe;
import dev.rapport.testkit.RapportIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The member's copy of their contacts data, and their erasure from request to completion. */
@RapportIntegrationTest
class MemberDataRightsIT {

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    JsonMapper json;

    String member;
    ApiClient api;
    String contactId;

    @BeforeEach
    void memberWithANetwork() {
        member = "member-" + UUID.randomUUID();
        api = ApiClient.asMember(port, member);
        contactId = api.post(
                        "/api/v1/contacts",
                        Map.of(
                                "firstName",
                                "Ana",
                                "lastName",
                                "Pérez",
                                "tier",
                                "inner",
                                "interests",
                                List.of("hiring")))
                .json()
                .get("id")
                .asString();
        succeeded(api.post(
                "/api/v1/contacts/" + contactId + "/milestones",
                Map.of("kind", "promotion", "date", LocalDate.now().toString())));
        succeeded(api.post(
                "/api/v1/interactions",
                Map.of(
                        "contactIds",
                        List.of(contactId),
                        "type",
                        "coffee",
                        "direction",
                        "outbound",
                        "occurredAt",
                        Instant.now().minus(Duration.ofDays(1)).toString(),
                        "summary",
                        "Coffee in Madrid",
                        "promises",
                        List.of(Map.of(
                                "owedBy",
                                "me",
                                "what",
                                "send the article",
                                "dueOn",
                                LocalDate.now().plusDays(7).toString())))));
        succeeded(api.post("/api/v1/goals", Map.of("title", "Raise a seed round")));
        String group = api.post("/api/v1/groups", Map.of("name", "Madrid Data Meetup"))
                .json()
                .get("id")
                .asString();
        succeeded(api.post(
                "/api/v1/groups/" + group + "/participations",
                Map.of(
                        "kind",
                        "event",
                        "occurredAt",
                        Instant.now().minusSeconds(60).toString())));
        succeeded(api.put(
                "/api/v1/network/cadences", Map.of("inner", 21, "strategic", 45, "regular", 90, "acquaintance", 180)));
    }

    @Test
    void theExportHoldsEveryKindOfContactsDataOfTheCallerOnly() {
        var export = api.get("/api/v1/me/export");

        assertThat(export.status()).isEqualTo(200);
        assertThat(export.header("Cache-Control")).contains("no-store");
        JsonNode body = export.json();
        assertThat(body.get("memberId").asString()).isEqualTo(member);
        assertThat(body.propertyNames())
                .as("the streamed export has the members of ContactsExport, in order")
                .containsExactly(java.util.Arrays.stream(ContactsExport.class.getRecordComponents())
                        .map(java.lang.reflect.RecordComponent::getName)
                        .toArray(String[]::new));
        assertThat(body.get("cadences").get("inner").asInt()).isEqualTo(21);
        JsonNode contact = body.get("contacts").get(0);
        assertThat(contact.get("id").asString()).isEqualTo(contactId);
        assertThat(contact.get("tier").asString()).isEqualTo("inner");
        assertThat(contact.get("milestones").get(0).get("kind").asString()).isEqualTo("promotion");
        assertThat(body.get("interactions")
                        .get(0)
                        .get("promises")
                        .get(0)
                        .get("what")
                        .asString())
                .isEqualTo("send the article");
        assertThat(body.get("goals").get(0).get("title").asString()).isEqualTo("Raise a seed round");
        assertThat(body.get("groups").get(0).get("participations")).hasSize(1);
        assertThat(body.get("erasureRequests")).isEmpty();

        JsonNode stranger = ApiClient.asMember(port, "stranger-" + UUID.randomUUID())
                .get("/api/v1/me/export")
                .json();
        assertThat(stranger.get("contacts")).isEmpty();
        assertThat(stranger.get("interactions")).isEmpty();
        assertThat(stranger.get("cadences").isNull()).isTrue();
    }

    @Test
    void manyExportsOfTheMemberAskedAtOnceAreEachAnsweredInFull() throws Exception {
        // Exports that wait for a slot together are read once and written to every answer (ExportSlots): each
        // answer, written by another request's thread, must still be the member's whole export.
        List<java.util.concurrent.Future<ApiClient.Answer>> answers = new ArrayList<>();
        try (var clients = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 12; i++) {
                answers.add(clients.submit(() -> api.get("/api/v1/me/export")));
            }
            for (var answer : answers) {
                ApiClient.Answer export = answer.get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(export.status()).isEqualTo(200);
                JsonNode body = export.json();
                assertThat(body.get("memberId").asString()).isEqualTo(member);
                assertThat(body.get("contacts").get(0).get("id").asString()).isEqualTo(contactId);
                assertThat(body.get("mailboxes")).as("written to its end").isNotNull();
            }
        }
    }

    @Test
    void anErasureRequestIsPendingUntilEveryServiceConfirmsThenCompleted() {
        var accepted = api.delete("/api/v1/me");

        assertThat(accepted.status()).isEqualTo(202);
        String location = accepted.header("Location");
        String requestId = accepted.json().get("id").asString();
        assertThat(location).isEqualTo("/api/v1/me/erasure/" + requestId);
        assertThat(accepted.json().get("status").asString()).isEqualTo("pending");
        assertThat(api.delete("/api/v1/me").header("Location"))
                .as("asking again while pending answers the same request")
                .isEqualTo(location);
        assertThat(ApiClient.asMember(port, "stranger-" + UUID.randomUUID())
                        .get(location)
                        .status())
                .isEqualTo(404);

        // contacts-service serves its own request from contacts.events and confirms it there.
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(
                                service(location, "contacts").get("status").asString())
                        .isEqualTo("erased"));
        assertThat(documentsOfMember()).isEmpty();
        assertThat(mongo.getCollection("erasure_tombstones")
                        .find(Filters.eq("_id", member))
                        .first()
                        .getList("requestIds", String.class))
                .containsExactly(requestId);
        assertThat(api.get(location).json().get("status").asString()).isEqualTo("pending");

        confirm("reminders", requestId);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(
                                service(location, "reminders").get("status").asString())
                        .isEqualTo("erased"));
        assertThat(api.get(location).json().get("status").asString()).isEqualTo("pending");

        confirm("content", requestId);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> assertThat(api.get(location).json().get("status").asString())
                                .isEqualTo("completed"));
        JsonNode completed = api.get(location).json();
        assertThat(completed.get("completedAt").isNull()).isFalse();
        assertThat(completed.get("services").get("content").get("status").asString())
                .isEqualTo("erased");
        JsonNode export = api.get("/api/v1/me/export").json();
        assertThat(export.get("contacts")).isEmpty();
        assertThat(export.get("erasureRequests").get(0).get("status").asString())
                .isEqualTo("completed");
    }

    @Test
    void contentPublishedBeforeTheErasureAndReplayedAfterItSuggestsNothing() {
        Instant beforeErasure = Instant.now();
        String location = api.delete("/api/v1/me").header("Location");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(
                                service(location, "contacts").get("status").asString())
                        .isEqualTo("erased"));
        // The member starts over with a contact who would match the old item.
        api.post("/api/v1/contacts", Map.of("firstName", "Irene", "tier", "inner", "interests", List.of("hiring")));

        String replayed = published(beforeErasure);
        String fresh = published(Instant.now());

        await().atMost(Duration.ofSeconds(30)).until(() -> processed(replayed) && processed(fresh));
        assertThat(mongo.getCollection("share_suggestions")
                        .find(Filters.eq("memberId", member))
                        .map(doc -> doc.getString("sourceEventId"))
                        .into(new ArrayList<>()))
                .containsExactly(fresh);
    }

    @Test
    void theDataRightsEndpointsAreInTheOpenApiDocument() {
        var docs = ApiClient.anonymous("http://127.0.0.1:" + port).get("/v3/api-docs");

        assertThat(docs.json().get("paths").propertyNames())
                .contains("/api/v1/me/export", "/api/v1/me", "/api/v1/me/erasure/{id}");
        assertThat(docs.json().get("paths").get("/api/v1/me").get("delete").toString())
                .contains("202");
    }

    private static void succeeded(ApiClient.Answer answer) {
        assertThat(answer.status()).as(answer.raw().body()).isBetween(200, 299);
    }

    private JsonNode service(String location, String service) {
        return api.get(location).json().get("services").get(service);
    }

    private boolean processed(String eventId) {
        return mongo.getCollection("processed_events").countDocuments(new Document("_id", eventId)) == 1;
    }

    private List<String> documentsOfMember() {
        List<String> found = new ArrayList<>();
        for (String collection : mongo.getCollectionNames()) {
            if (!List.of("erasure_tombstones", "erasure_requests").contains(collection)) {
                mongo.getCollection(collection)
                        .find(Filters.or(Filters.eq("memberId", member), Filters.eq("_id", member)))
                        .forEach(doc -> found.add(collection + ": " + doc.toJson()));
            }
        }
        return found;
    }

    /** What reminders-service or content-service publishes once it has purged the member. */
    private void confirm(String service, String requestId) {
        String eventId = UUID.randomUUID().toString();
        MemberDataErased erased = new MemberDataErased(eventId, Instant.now(), member, "alumni", requestId, service);
        KafkaProbe.send(
                service + ".events",
                member,
                json.writeValueAsString(erased),
                Map.of(
                        "ce_id",
                        eventId,
                        "ce_type",
                        "rapport." + service + ".MemberDataErased.v1",
                        "ce_source",
                        "/rapport/" + service + "-service",
                        "ce_specversion",
                        "1.0",
                        "ce_subject",
                        requestId,
                        "content-type",
                        "application/json",
                        "contentType",
                        "application/json"));
    }

    private String published(Instant occurredAt) {
        String eventId = UUID.randomUUID().toString();
        String itemId = "item-" + UUID.randomUUID();
        ContentPublished event = new ContentPublished(
                eventId,
                occurredAt,
                member,
                "alumni",
                itemId,
                "How we hire data teams",
                "linkedin-post",
                "https://example.org/post/1",
                List.of("Hiring"),
                occurredAt);
        KafkaProbe.send(
                "content.events",
                member,
                json.writeValueAsString(event),
                Map.of(
                        "ce_id", eventId,
                        "ce_type", "rapport.content.ContentPublished.v1",
                        "ce_source", "/rapport/content-service",
                        "ce_specversion", "1.0",
                        "ce_subject", itemId,
                        "content-type", "application/json",
                        "contentType", "application/json"));
        return eventId;
    }
}
