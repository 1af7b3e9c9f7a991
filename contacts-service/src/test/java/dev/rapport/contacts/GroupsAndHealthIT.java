package dev.rapport.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rapport.contacts.staleness.StalenessSweep;
import dev.rapport.testkit.ApiClient;
import dev.rapport.testkit.RapportIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

/** Groups going quiet, goals' networks and relationship health. */
@RapportIntegrationTest
class GroupsAndHealthIT {

    @LocalServerPort
    int port;

    @Autowired
    StalenessSweep sweep;

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
    void aGroupGoesQuietOnceWhenItsWeeklyCadenceLapsesAndAParticipationWakesItUp() {
        JsonNode group = api.post("/api/v1/groups", Map.of("name", "Madrid Data Meetup", "kind", "meetup"))
                .json();
        assertThat(group.get("cadenceDays").asInt()).as("weekly by default").isEqualTo(7);
        String id = group.get("id").asString();
        Instant lastWeek = Instant.now().minus(Duration.ofDays(9));
        assertThat(api.post(
                                "/api/v1/groups/" + id + "/participations",
                                Map.of("kind", "post", "occurredAt", lastWeek.toString(), "note", "Shared the slides"))
                        .status())
                .isEqualTo(201);
        // The group was joined a while ago: its clock runs from the participation, 2 days overdue now.
        mongo.getCollection("groups")
                .updateOne(
                        new Document("_id", new ObjectId(id)),
                        new Document(
                                "$set", new Document("createdAt", Date.from(lastWeek.minus(Duration.ofDays(30))))));

        sweep.sweep();
        sweep.sweep();
        assertThat(api.get("/api/v1/groups/" + id).json().get("quiet").asBoolean())
                .isTrue();
        try (MemberEvents events = new MemberEvents(member)) {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> events.of("GroupGoneQuiet").size() == 1);
            JsonNode quiet = events.of("GroupGoneQuiet").getFirst();
            assertThat(quiet.get("groupId").asString()).isEqualTo(id);
            assertThat(quiet.get("name").asString()).isEqualTo("Madrid Data Meetup");
            assertThat(quiet.get("cadenceDays").asInt()).isEqualTo(7);
            assertThat(quiet.get("episode").asInt()).isEqualTo(1);
        }

        api.post(
                "/api/v1/groups/" + id + "/participations",
                Map.of("occurredAt", Instant.now().toString()));
        JsonNode awake = api.get("/api/v1/groups/" + id).json();
        assertThat(awake.get("quiet").asBoolean()).isFalse();
        assertThat(awake.get("participations").asInt()).isEqualTo(2);
        assertThat(api.get("/api/v1/groups/" + id + "/participations")
                        .json()
                        .get(1)
                        .get("note")
                        .asString())
                .isEqualTo("Shared the slides");
        assertThat(api.post(
                                "/api/v1/groups/" + id + "/participations",
                                Map.of(
                                        "occurredAt",
                                        Instant.now().plus(Duration.ofDays(2)).toString()))
                        .status())
                .as("a participation in the future is refused")
                .isEqualTo(400);
    }

    @Test
    void aGoalsNetworkNamesLinkedContactsAndGroupsAndContactsWhoseInterestsMatch() {
        String goal = api.post(
                        "/api/v1/goals",
                        Map.of(
                                "title",
                                "Move into data leadership",
                                "targetDate",
                                "2027-06-30",
                                "topics",
                                List.of("Data Strategy")))
                .json()
                .get("id")
                .asString();
        api.post("/api/v1/contacts", Map.of("firstName", "Linked", "goalIds", List.of(goal)));
        api.post("/api/v1/contacts", Map.of("firstName", "Matching", "interests", List.of("data-strategy")));
        api.post("/api/v1/contacts", Map.of("firstName", "Unrelated", "interests", List.of("golf")));
        api.post("/api/v1/groups", Map.of("name", "Data leaders forum", "goalIds", List.of(goal)));

        JsonNode network = api.get("/api/v1/goals/" + goal + "/network").json();
        assertThat(network.get("linkedContacts").findValuesAsString("firstName"))
                .containsExactly("Linked");
        assertThat(network.get("linkedGroups").findValuesAsString("name")).containsExactly("Data leaders forum");
        assertThat(network.get("suggestedContacts").findValuesAsString("displayName"))
                .containsExactly("Matching");
        assertThat(api.get("/api/v1/groups?goalId=" + goal).json().get("total").asInt())
                .isEqualTo(1);
    }

    @Test
    void healthIsExplainedByItsPartsInSpanishOrEnglishAndTheNetworkViewCountsTiersStalenessAndBalance() {
        String close = api.post("/api/v1/contacts", Map.of("firstName", "Close", "tier", "inner"))
                .json()
                .get("id")
                .asString();
        String cold = api.post("/api/v1/contacts", Map.of("firstName", "Cold", "tier", "inner"))
                .json()
                .get("id")
                .asString();
        api.post("/api/v1/contacts", Map.of("firstName", "Acq", "tier", "acquaintance"));
        api.post(
                "/api/v1/interactions",
                Map.of(
                        "contactIds",
                        List.of(close),
                        "type",
                        "help-given",
                        "occurredAt",
                        Instant.now().minus(Duration.ofDays(2)).toString()));
        api.post(
                "/api/v1/interactions",
                Map.of(
                        "contactIds",
                        List.of(cold),
                        "type",
                        "help-received",
                        "occurredAt",
                        Instant.now().minus(Duration.ofDays(80)).toString()));

        JsonNode health = api.get("/api/v1/contacts/" + close + "/health").json();
        assertThat(health.get("parts").findValuesAsString("name")).containsExactly("recency", "frequency", "balance");
        int sum = 0;
        for (JsonNode part : health.get("parts")) {
            sum += part.get("points").asInt();
        }
        assertThat(health.get("score").asInt()).isEqualTo(sum).isBetween(0, 100);
        assertThat(health.get("parts").get(0).get("explanation").asString()).startsWith("Last interaction 2 days ago");
        JsonNode spanish = api.header("Accept-Language", "es-ES,es;q=0.9")
                .get("/api/v1/contacts/" + close + "/health")
                .json();
        assertThat(spanish.get("parts").get(0).get("explanation").asString())
                .startsWith("Última interacción hace 2 días");

        JsonNode network = api.get("/api/v1/network/health").json();
        assertThat(network.get("contacts").asInt()).isEqualTo(3);
        assertThat(network.get("byTier").get("inner").asInt()).isEqualTo(2);
        assertThat(network.get("byTier").get("acquaintance").asInt()).isEqualTo(1);
        assertThat(network.get("stale").asInt()).isEqualTo(1);
        assertThat(network.get("staleShare").asDouble()).isEqualTo(0.33);
        assertThat(network.get("balance").get("given").asInt()).isEqualTo(1);
        assertThat(network.get("balance").get("received").asInt()).isEqualTo(1);
        // Cold: overdue, one interaction in a year, only received (3); Acq: nothing yet, neutral balance (10).
        assertThat(network.get("needingAttention").findValuesAsString("displayName"))
                .containsExactly("Cold", "Acq", "Close");
    }
}
