package dev.rapport.content.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import dev.rapport.content.ContentEvents;
import dev.rapport.content.ContentIntegrationTest;
import dev.rapport.testkit.ApiClient;
import dev.rapport.testkit.KafkaProbe;
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

@ContentIntegrationTest
class MemberDataRightsIT {

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    String member;
    ApiClient api;

    @BeforeEach
    void memberWithContent() {
        member = "member-" + UUID.randomUUID();
        api = ApiClient.asMember(port, member);
        assertThat(api.put(
                                "/api/v1/content/plan",
                                Map.of(
                                        "brandStatement",
                                        "Data teams that ship",
                                        "cadences",
                                        List.of(Map.of("channel", "blog", "perPeriod", 1, "period", "month"))))
                        .status())
                .isEqualTo(200);
        assertThat(api.post("/api/v1/content/items", item("Hiring your first data engineer"))
                        .status())
                .isEqualTo(201);
        assertThat(api.post(
                                "/api/v1/content/feeds",
                                Map.of("url", "https://blog.example.org/feed.xml", "channel", "blog"))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void theExportHoldsThePlanItemsAndFeedsOfTheCallerOnly() {
        var export = api.get("/api/v1/me/export");

        assertThat(export.status()).isEqualTo(200);
        assertThat(export.header("Cache-Control")).contains("no-store");
        assertThat(export.header("Content-Type")).startsWith("application/json");
        assertThat(export.json().propertyNames())
                .as("the streamed export has the members of ContentExport, in order")
                .containsExactly(java.util.Arrays.stream(ContentExport.class.getRecordComponents())
                        .map(java.lang.reflect.RecordComponent::getName)
                        .toArray(String[]::new));
        assertThat(export.json().get("memberId").asString()).isEqualTo(member);
        assertThat(export.json().get("plan").get("plan").get("brandStatement").asString())
                .isEqualTo("Data teams that ship");
        assertThat(export.json().get("items")).hasSize(1);
        assertThat(export.json().get("items").get(0).get("status").asString()).isEqualTo("idea");
        assertThat(export.json().get("feeds").get(0).get("url").asString())
                .isEqualTo("https://blog.example.org/feed.xml");

        var stranger = ApiClient.asMember(port, "stranger-" + UUID.randomUUID()).get("/api/v1/me/export");
        assertThat(stranger.json().get("plan").isNull()).isTrue();
        assertThat(stranger.json().get("items")).isEmpty();
        assertThat(stranger.json().get("feeds")).isEmpty();
    }

    @Test
    void anErasureRequestPurgesEveryCollectionLeavesATombstoneAndIsConfirmed() {
        ApiClient bystander = ApiClient.asMember(port, "bystander-" + UUID.randomUUID());
        bystander.post("/api/v1/content/items", item("Not to be erased"));
        String requestId = UUID.randomUUID().toString();

        try (ContentEvents events = new ContentEvents(member)) {
            requestErasure(UUID.randomUUID().toString(), requestId, Instant.now());

            var confirmation = events.await(
                    "MemberDataErased",
                    data -> requestId.equals(data.get("requestId").asString()));
            assertThat(confirmation.get("service").asString()).isEqualTo("content");
        }

        assertThat(documentsOfMember()).isEmpty();
        Document tombstone = mongo.getCollection("erasure_tombstones")
                .find(Filters.eq("_id", member))
                .first();
        assertThat(tombstone.getList("requestIds", String.class)).containsExactly(requestId);
        assertThat(tombstone.get("erasedAt")).isNotNull();
        var export = api.get("/api/v1/me/export").json();
        assertThat(export.get("plan").isNull()).isTrue();
        assertThat(export.get("items")).isEmpty();
        assertThat(export.get("feeds")).isEmpty();
        assertThat(bystander.get("/api/v1/me/export").json().get("items")).hasSize(1);
    }

    @Test
    void erasureRequestsReplayedAfterTheErasureNeverEraseWhatTheMemberMadeSince() {
        String requestId = UUID.randomUUID().toString();
        String olderRequest = UUID.randomUUID().toString();
        Instant requestedAt = Instant.now();
        String firstDelivery = UUID.randomUUID().toString();
        try (ContentEvents events = new ContentEvents(member)) {
            requestErasure(firstDelivery, requestId, requestedAt);
            events.await(
                    "MemberDataErased",
                    data -> requestId.equals(data.get("requestId").asString()));

            assertThat(api.post("/api/v1/content/items", item("A fresh start")).status())
                    .isEqualTo(201);
            // The same request published again under a new CloudEvent id (a producer retry long after), and
            // an older request that reached this service late: neither may erase the new item.
            requestErasure(UUID.randomUUID().toString(), requestId, requestedAt);
            requestErasure(UUID.randomUUID().toString(), olderRequest, requestedAt.minusSeconds(60));

            // Same member, same partition: once the older request is confirmed, the replay was consumed too.
            events.await(
                    "MemberDataErased",
                    data -> olderRequest.equals(data.get("requestId").asString()));
        }

        var items = api.get("/api/v1/me/export").json().get("items");
        assertThat(items).hasSize(1);
        assertThat(items.get(0).get("title").asString()).isEqualTo("A fresh start");
        assertThat(mongo.getCollection("erasure_tombstones")
                        .find(Filters.eq("_id", member))
                        .first()
                        .getList("requestIds", String.class))
                .containsExactly(requestId, olderRequest);
    }

    @Test
    void theExportIsInTheOpenApiDocument() {
        var docs = ApiClient.anonymous("http://127.0.0.1:" + port).get("/v3/api-docs");

        assertThat(docs.json().get("paths").propertyNames()).contains("/api/v1/me/export");
        assertThat(docs.json().get("components").get("schemas").propertyNames()).contains("ContentExport");
    }

    private List<String> documentsOfMember() {
        List<String> found = new ArrayList<>();
        for (String collection : mongo.getCollectionNames()) {
            if (collection.equals("erasure_tombstones")) {
                continue;
            }
            mongo.getCollection(collection)
                    .find(Filters.or(Filters.eq("memberId", member), Filters.eq("_id", member)))
                    .forEach(doc -> found.add(collection + ": " + doc.toJson()));
        }
        return found;
    }

    private void requestErasure(String eventId, String requestId, Instant requestedAt) {
        KafkaProbe.send(
                "contacts.events",
                member,
                """
                {"eventId":"%s","occurredAt":"%s","memberId":"%s","tenantId":"alumni","requestId":"%s"}
                """.formatted(eventId, requestedAt, member, requestId),
                Map.of(
                        "ce_id", eventId,
                        "ce_type", "rapport.contacts.MemberErasureRequested.v1",
                        "ce_source", "/rapport/contacts-service",
                        "ce_specversion", "1.0",
                        "ce_subject", requestId,
                        "content-type", "application/json",
                        "contentType", "application/json"));
    }

    private static Map<String, Object> item(String title) {
        return Map.of("title", title, "channel", "blog", "format", "article");
    }
}
