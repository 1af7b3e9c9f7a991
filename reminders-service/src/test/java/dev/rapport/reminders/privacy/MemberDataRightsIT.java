package dev.rapport.reminders.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import dev.rapport.reminders.support.Events;
import dev.rapport.reminders.support.MutableClock;
import dev.rapport.reminders.support.RemindersIntegrationTest;
import dev.rapport.testkit.ApiClient;
import dev.rapport.testkit.KafkaProbe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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

@RemindersIntegrationTest
class MemberDataRightsIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Instant NOW = RemindersIntegrationTest.START;

    static final String INTERACTION = """
            {"eventId":"%s","memberId":"%s","occurredAt":"%s","tenantId":"alumni",
             "interactionId":"%s","contacts":[{"contactId":"c1","displayName":"Ana Pérez"}],
             "type":"coffee","direction":"outbound","interactionAt":"%s","summary":"Coffee in Madrid",
             "promises":[{"promiseId":"%s","owedBy":"me","what":"%s","dueOn":"2026-04-10","done":false}]}
            """;

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    Clock clock;

    String member;
    ApiClient api;

    @BeforeEach
    void memberWithReminders() {
        ((MutableClock) clock).set(NOW);
        member = "member-" + UUID.randomUUID();
        api = ApiClient.asMember(port, member);
        interaction(NOW.minus(Duration.ofHours(2)), "send the article");
        await().atMost(Duration.ofSeconds(20)).until(() -> openReminders().size() == 1);
        api.put(
                "/api/v1/me/notification-settings",
                Map.of("locale", "es", "webhook", Map.of("url", "https://hooks.example.com/rapport")));
        api.post("/api/v1/routines", Map.of("preset", "profile-review", "startOn", "2026-01-15"));
        api.post("/api/v1/calendar/feed", null);
        var webhook = api.post(
                "/api/v1/webhooks",
                Map.of("url", "https://hooks.example.com/events", "types", List.of("rapport.reminders.")));
        assertThat(webhook.status()).as(webhook.raw().body()).isEqualTo(201);
        // A ReminderCreated after the subscription: a delivery in the member's log.
        api.post("/api/v1/reminders", Map.of("title", "Call Ana", "dueOn", "2026-03-20"));
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        mongo.getCollection("webhook_deliveries").countDocuments(Filters.eq("memberId", member)) > 0);
    }

    @Test
    void theExportHoldsRemindersRoutinesSettingsAndFeedStatusWithoutSecrets() {
        var export = api.get("/api/v1/me/export");

        assertThat(export.status()).isEqualTo(200);
        assertThat(export.header("Cache-Control")).contains("no-store");
        JsonNode body = export.json();
        assertThat(body.propertyNames())
                .as("the streamed export has the members of RemindersExport, in order")
                .containsExactly(java.util.Arrays.stream(RemindersExport.class.getRecordComponents())
                        .map(java.lang.reflect.RecordComponent::getName)
                        .toArray(String[]::new));
        // Both reminders were created at the same (fixed) time: their order is their ids', so find the follow-up.
        JsonNode followUp = java.util.stream.StreamSupport.stream(
                        body.get("reminders").spliterator(), false)
                .filter(r -> r.path("kind").asString().equals("follow-up"))
                .findFirst()
                .orElseThrow();
        assertThat(followUp.get("what").asString()).isEqualTo("send the article");
        assertThat(followUp.get("contactName").asString()).isEqualTo("Ana Pérez");
        assertThat(body.get("routines").get(0).get("preset").asString()).isEqualTo("profile-review");
        assertThat(body.get("notificationSettings").get("locale").asString()).isEqualTo("es");
        assertThat(body.get("notificationSettings").get("webhookUrl").asString())
                .isEqualTo("https://hooks.example.com/rapport");
        assertThat(body.get("calendarFeed").get("active").asBoolean()).isTrue();
        assertThat(body.get("contactContexts").get(0).get("displayName").asString())
                .isEqualTo("Ana Pérez");
        assertThat(body.get("webhookSubscriptions").get(0).get("url").asString())
                .isEqualTo("https://hooks.example.com/events");
        assertThat(body.get("webhookDeliveries").get(0).get("eventType").asString())
                .isEqualTo("rapport.reminders.ReminderCreated.v1");
        assertThat(export.raw().body()).doesNotContain("whsec_", "tokenHash", "webhookSecret", "secrets");

        var stranger = ApiClient.asMember(port, "stranger-" + UUID.randomUUID()).get("/api/v1/me/export");
        assertThat(stranger.json().get("reminders")).isEmpty();
        assertThat(stranger.json().get("calendarFeed").get("active").asBoolean())
                .isFalse();
    }

    @Test
    void anErasurePurgesEverythingAndReplayedOldEventsBringNothingBack() {
        String requestId = UUID.randomUUID().toString();
        try (KafkaProbe confirmations = KafkaProbe.reading("reminders.events")) {
            Events.contacts("MemberErasureRequested", member, """
                    {"eventId":"%s","memberId":"%s","occurredAt":"%s","tenantId":"alumni","requestId":"%s"}
                    """, NOW, requestId);

            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(confirmationsOf(confirmations))
                            .anySatisfy(data -> {
                                assertThat(data.get("requestId").asString()).isEqualTo(requestId);
                                assertThat(data.get("service").asString()).isEqualTo("reminders");
                            }));
        }
        assertThat(documentsOfMember()).isEmpty();
        Document tombstone = mongo.getCollection("erasure_tombstones")
                .find(Filters.eq("_id", member))
                .first();
        assertThat(tombstone.getList("requestIds", String.class)).containsExactly(requestId);
        assertThat(tombstone.getDate("erasedAt").toInstant()).isEqualTo(NOW);

        // The interaction of before the erasure delivered again (a topic replayed from the start), then one
        // logged after it: only the later one may make a reminder.
        ((MutableClock) clock).advance(Duration.ofMinutes(5));
        interaction(NOW.minus(Duration.ofHours(2)), "send the article");
        interaction(NOW.plus(Duration.ofMinutes(1)), "call back next week");

        await().atMost(Duration.ofSeconds(20)).until(() -> !openReminders().isEmpty());
        assertThat(openReminders()).extracting(r -> r.get("what").asString()).containsExactly("call back next week");
    }

    @Test
    void theExportIsInTheOpenApiDocument() {
        var docs = ApiClient.anonymous("http://127.0.0.1:" + port).get("/v3/api-docs");

        assertThat(docs.json().get("paths").propertyNames()).contains("/api/v1/me/export");
        assertThat(docs.json().get("components").get("schemas").propertyNames()).contains("RemindersExport");
    }

    private void interaction(Instant occurredAt, String promise) {
        Events.contacts(
                "InteractionLogged",
                member,
                INTERACTION,
                occurredAt,
                UUID.randomUUID(),
                occurredAt,
                "promise-" + UUID.randomUUID(),
                promise);
    }

    private List<JsonNode> openReminders() {
        List<JsonNode> open = new ArrayList<>();
        api.get("/api/v1/me/export").json().get("reminders").forEach(r -> {
            if ("open".equals(r.get("status").asString())) {
                open.add(r);
            }
        });
        return open;
    }

    private List<JsonNode> confirmationsOf(KafkaProbe probe) {
        return probe.poll().stream()
                .filter(r -> member.equals(r.key()))
                .filter(r -> "rapport.reminders.MemberDataErased.v1".equals(KafkaProbe.header(r, "ce_type")))
                .map(r -> JSON.readTree(r.value()))
                .toList();
    }

    private List<String> documentsOfMember() {
        List<String> found = new ArrayList<>();
        for (String collection : mongo.getCollectionNames()) {
            if (!collection.equals("erasure_tombstones")) {
                mongo.getCollection(collection)
                        .find(Filters.or(Filters.eq("memberId", member), Filters.eq("_id", member)))
                        .forEach(doc -> found.add(collection + ": " + doc.toJson()));
            }
        }
        return found;
    }
}
