package dev.rapport.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rapport.contracts.events.ContentPublished;
import dev.rapport.testkit.ApiClient;
import dev.rapport.testkit.KafkaProbe;
import dev.rapport.testkit.RapportIntegrationTest;
import java.time.Duration;
import java.time.Instant;
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

/** ContentPublished consumed from content.events becomes one ContentShareSuggested, however often it is delivered. */
@RapportIntegrationTest
class InterestMatchingIT {

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    MongoTemplate mongo;

    String member;
    ApiClient api;

    @BeforeEach
    void member() {
        member = "member-" + UUID.randomUUID();
        api = ApiClient.asMember(port, member);
    }

    private String contact(Map<String, Object> body) {
        return api.post("/api/v1/contacts", body).json().get("id").asString();
    }

    private void publish(String eventId, String itemId, List<String> topics) {
        ContentPublished event = new ContentPublished(
                eventId,
                Instant.now(),
                member,
                "alumni",
                itemId,
                "How we hire data teams",
                "linkedin-post",
                "https://example.org/post/1",
                topics,
                Instant.now());
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
    }

    @Test
    void publishedContentIsSuggestedToTheBestMatchingContactsOnceEvenWhenDeliveredTwice() {
        String inner = contact(Map.of("firstName", "Irene", "tier", "inner", "interests", List.of("Hiring")));
        String twoTopics = contact(Map.of(
                "firstName",
                "Teo",
                "tier",
                "acquaintance",
                "interests",
                List.of("data-teams"),
                "tags",
                List.of("#hiring")));
        String recentlyShared = contact(Map.of("firstName", "Rosa", "tier", "inner", "tags", List.of("hiring")));
        contact(Map.of("firstName", "Golfer", "interests", List.of("golf")));
        api.post(
                "/api/v1/interactions",
                Map.of(
                        "contactIds",
                        List.of(recentlyShared),
                        "type",
                        "resource-shared",
                        "occurredAt",
                        Instant.now().minus(Duration.ofDays(3)).toString()));

        String itemId = "item-" + UUID.randomUUID();
        String first = UUID.randomUUID().toString();
        publish(first, itemId, List.of("Hiring", "Data Teams"));
        publish(first, itemId, List.of("Hiring", "Data Teams")); // a redelivery
        String republished = UUID.randomUUID().toString();
        publish(republished, itemId, List.of("Hiring", "Data Teams")); // the same item announced again

        try (MemberEvents events = new MemberEvents(member)) {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> events.of("ContentShareSuggested").size() == 1);
            await().atMost(Duration.ofSeconds(60))
                    .until(() ->
                            mongo.getCollection("processed_events").countDocuments(new Document("_id", republished))
                                    == 1);
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> events.of("ContentShareSuggested").size() == 1);
            JsonNode suggested = events.of("ContentShareSuggested").getFirst();
            assertThat(suggested.get("itemId").asString()).isEqualTo(itemId);
            assertThat(suggested.get("suggestions").findValuesAsString("contactId"))
                    .containsExactly(twoTopics, inner, recentlyShared);
            assertThat(suggested.get("suggestions").get(0).get("matchedTopics").findValuesAsString(""))
                    .isEmpty();
            assertThat(suggested.get("suggestions").get(0).get("matchedTopics").size())
                    .isEqualTo(2);
        }
    }
}
