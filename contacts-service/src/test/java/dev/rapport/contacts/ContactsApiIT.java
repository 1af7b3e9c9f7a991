package dev.rapport.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rapport.testkit.ApiClient;
import dev.rapport.testkit.ApiClient.Answer;
import dev.rapport.testkit.RapportIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The contacts API: lost updates, archive/restore, filters, pagination, milestones, isolation and validation. */
@RapportIntegrationTest
class ContactsApiIT {

    @LocalServerPort
    int port;

    String member;
    ApiClient api;

    @BeforeEach
    void member() {
        member = "member-" + UUID.randomUUID();
        api = ApiClient.asMember(port, member);
    }

    private Answer add(Map<String, Object> body) {
        Answer answer = api.post("/api/v1/contacts", body);
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(201);
        return answer;
    }

    private String id(Answer answer) {
        return answer.json().get("id").asString();
    }

    @Test
    void anUpdateWithAStaleETagIsRefusedWith412AndLosesNothing() {
        Answer created = add(Map.of("firstName", "Ana", "company", "Acme", "tags", List.of("madrid")));
        String id = id(created);
        String etag = created.header("ETag");

        Answer first = api.header("If-Match", etag).patch("/api/v1/contacts/" + id, Map.of("title", "CTO"));
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("title").asString()).isEqualTo("CTO");
        assertThat(first.json().get("company").asString())
                .as("absent fields stay")
                .isEqualTo("Acme");
        assertThat(first.header("ETag")).isNotEqualTo(etag);

        Answer lost = api.header("If-Match", etag).patch("/api/v1/contacts/" + id, Map.of("title", "CEO"));
        assertThat(lost.status()).isEqualTo(412);
        assertThat(lost.contentType()).startsWith("application/problem+json");
        assertThat(lost.json().get("currentEtag").asString()).isEqualTo(first.header("ETag"));

        assertThat(api.patch("/api/v1/contacts/" + id, Map.of("title", "CEO")).status())
                .as("If-Match is required")
                .isEqualTo(428);
        assertThat(api.get("/api/v1/contacts/" + id).json().get("title").asString())
                .isEqualTo("CTO");

        java.util.Map<String, Object> clear = new java.util.HashMap<>();
        clear.put("company", null);
        Answer cleared = api.header("If-Match", first.header("ETag")).patch("/api/v1/contacts/" + id, clear);
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.json().get("company").isNull()).isTrue();

        try (MemberEvents events = new MemberEvents(member)) {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> events.of("ContactUpdated").size() == 2);
            assertThat(events.of("ContactUpdated"))
                    .extracting(e -> e.get("changedFields").get(0).asString())
                    .containsExactly("title", "company");
        }
    }

    @Test
    void anInvalidPatchAnswersTheFailingFieldsAndChangesNothing() {
        Answer created = add(Map.of("firstName", "Ana"));
        String id = id(created);
        Answer invalid = api.header("If-Match", created.header("ETag"))
                .patch(
                        "/api/v1/contacts/" + id,
                        Map.of("emails", List.of("not-an-email"), "cadenceDays", 0, "nickname", "x"));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.contentType()).startsWith("application/problem+json");
        assertThat(invalid.json().get("errors").findValuesAsString("field")).containsExactly("nickname");

        Answer invalidValues = api.header("If-Match", created.header("ETag"))
                .patch("/api/v1/contacts/" + id, Map.of("emails", List.of("not-an-email"), "cadenceDays", 0));
        assertThat(invalidValues.status()).isEqualTo(400);
        assertThat(invalidValues.json().get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("cadenceDays", "emails[0]");

        Answer wrongType =
                api.header("If-Match", created.header("ETag")).patch("/api/v1/contacts/" + id, Map.of("tier", "vip"));
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().get("errors").findValuesAsString("field")).containsExactly("tier");

        Answer unknownGoal = api.header("If-Match", created.header("ETag"))
                .patch("/api/v1/contacts/" + id, Map.of("goalIds", List.of("65f000000000000000000000")));
        assertThat(unknownGoal.status()).isEqualTo(400);
        assertThat(unknownGoal.json().get("errors").findValuesAsString("field")).containsExactly("goalIds[0]");

        Answer unchanged = api.get("/api/v1/contacts/" + id);
        assertThat(unchanged.header("ETag")).isEqualTo(created.header("ETag"));
        assertThat(unchanged.json().get("emails")).isEmpty();
    }

    @Test
    void archivedContactsLeaveTheListAndComeBackWhenRestored() {
        String id = id(add(Map.of("firstName", "Archie")));
        add(Map.of("firstName", "Stays"));
        Answer archived = api.delete("/api/v1/contacts/" + id);
        assertThat(archived.status()).isEqualTo(200);
        assertThat(archived.json().get("archived").asBoolean()).isTrue();
        assertThat(api.get("/api/v1/contacts").json().get("total").asInt()).isEqualTo(1);
        assertThat(api.get("/api/v1/contacts?archived=true")
                        .json()
                        .get("items")
                        .get(0)
                        .get("id")
                        .asString())
                .isEqualTo(id);
        assertThat(api.header("If-Match", "\"999\"")
                        .delete("/api/v1/contacts/" + id)
                        .status())
                .isEqualTo(412);

        assertThat(api.post("/api/v1/contacts/" + id + "/restore", Map.of())
                        .json()
                        .get("archived")
                        .asBoolean())
                .isFalse();
        assertThat(api.get("/api/v1/contacts").json().get("total").asInt()).isEqualTo(2);

        try (MemberEvents events = new MemberEvents(member)) {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> events.of("ContactArchived").size() == 1
                            && events.of("ContactUpdated").size() == 1);
            assertThat(events.of("ContactArchived").getFirst().get("contactId").asString())
                    .isEqualTo(id);
            assertThat(events.of("ContactUpdated")
                            .getFirst()
                            .get("changedFields")
                            .get(0)
                            .asString())
                    .isEqualTo("archived");
        }
    }

    @Test
    void listsFilterByTagTierStatusAndGoalAndPageWithATotal() {
        String goal = api.post("/api/v1/goals", Map.of("title", "Raise a seed round", "topics", List.of("venture")))
                .json()
                .get("id")
                .asString();
        String investor = id(add(Map.of(
                "firstName", "Inés", "tier", "strategic", "tags", List.of("investor"), "goalIds", List.of(goal))));
        String overdue = id(add(Map.of("firstName", "Olga", "tier", "inner")));
        api.post(
                "/api/v1/interactions",
                Map.of(
                        "contactIds",
                        List.of(overdue),
                        "type",
                        "call",
                        "occurredAt",
                        Instant.now().minus(Duration.ofDays(40)).toString()));
        for (int i = 0; i < 3; i++) {
            add(Map.of("firstName", "Regular " + i));
        }

        assertThat(ids(api.get("/api/v1/contacts?tag=investor"))).containsExactly(investor);
        assertThat(ids(api.get("/api/v1/contacts?tier=inner"))).containsExactly(overdue);
        assertThat(ids(api.get("/api/v1/contacts?status=stale"))).containsExactly(overdue);
        assertThat(api.get("/api/v1/contacts?status=ok").json().get("total").asInt())
                .isEqualTo(4);
        assertThat(ids(api.get("/api/v1/contacts?goalId=" + goal))).containsExactly(investor);
        assertThat(api.get("/api/v1/contacts?q=ines").json().get("total").asInt())
                .isEqualTo(1);
        assertThat(api.get("/api/v1/contacts?status=cold").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/contacts?tier=vip").status()).isEqualTo(400);

        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = api.get("/api/v1/contacts?limit=2" + (cursor == null ? "" : "&cursor=" + cursor))
                    .json();
            assertThat(page.get("total").asInt()).isEqualTo(5);
            page.get("items")
                    .forEach(item ->
                            assertThat(seen.add(item.get("id").asString())).isTrue());
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asString();
            pages++;
        } while (cursor != null);
        assertThat(seen).hasSize(5);
        assertThat(pages).isEqualTo(3);

        JsonNode network = api.get("/api/v1/goals/" + goal + "/network").json();
        assertThat(network.get("linkedContacts").get(0).get("id").asString()).isEqualTo(investor);
    }

    @Test
    void milestonesArePublishedAndABirthdayRecursEveryYear() {
        String id = id(add(Map.of("firstName", "Paula")));
        Answer promotion = api.post(
                "/api/v1/contacts/" + id + "/milestones",
                Map.of("kind", "promotion", "title", "VP Engineering", "date", "2026-03-01"));
        assertThat(promotion.status()).isEqualTo(201);
        Answer birthday =
                api.post("/api/v1/contacts/" + id + "/milestones", Map.of("kind", "birthday", "date", "1988-11-05"));
        assertThat(birthday.status()).isEqualTo(201);
        assertThat(api.get("/api/v1/contacts/" + id).json().get("birthday").asString())
                .isEqualTo("1988-11-05");
        assertThat(api.get("/api/v1/contacts/" + id + "/milestones").json()).hasSize(2);
        assertThat(api.post("/api/v1/contacts/" + id + "/milestones", Map.of("kind", "wedding", "date", "2026-01-01"))
                        .status())
                .isEqualTo(400);

        try (MemberEvents events = new MemberEvents(member)) {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> events.of("MilestoneRecorded").size() == 2);
            List<JsonNode> recorded = events.of("MilestoneRecorded");
            assertThat(recorded.get(0).get("kind").asString()).isEqualTo("promotion");
            assertThat(recorded.get(0).get("recurringYearly").asBoolean()).isFalse();
            assertThat(recorded.get(1).get("kind").asString()).isEqualTo("birthday");
            assertThat(recorded.get(1).get("recurringYearly").asBoolean()).isTrue();
            assertThat(recorded.get(1).get("date").asString()).endsWith("-11-05");
        }
    }

    @Test
    void aBirthdayEventCarriesTheBirthdayItselfAndChangingOrClearingItIsPublishedWithTheNewValue() {
        String id = id(add(Map.of("firstName", "Leap")));
        assertThat(api.post("/api/v1/contacts/" + id + "/milestones", Map.of("kind", "birthday", "date", "2000-02-29"))
                        .status())
                .isEqualTo(201);
        String etag = api.get("/api/v1/contacts/" + id).header("ETag");
        Answer moved = api.header("If-Match", etag).patch("/api/v1/contacts/" + id, Map.of("birthday", "2000-03-01"));
        assertThat(moved.status()).isEqualTo(200);
        Answer cleared = api.header("If-Match", moved.header("ETag"))
                .patch("/api/v1/contacts/" + id, java.util.Collections.singletonMap("birthday", null));
        assertThat(cleared.status()).isEqualTo(200);

        try (MemberEvents events = new MemberEvents(member)) {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> events.of("MilestoneRecorded").size() == 1
                            && events.of("ContactUpdated").size() == 2);
            JsonNode announced = events.of("MilestoneRecorded").getFirst();
            assertThat(announced.get("birthday").asString()).isEqualTo("2000-02-29");
            List<JsonNode> updates = events.of("ContactUpdated");
            assertThat(updates.get(0).get("changedFields").valueStream().map(JsonNode::asString))
                    .containsExactly("birthday");
            assertThat(updates.get(0).get("birthday").asString()).isEqualTo("2000-03-01");
            JsonNode clearedBirthday = updates.get(1).get("birthday");
            assertThat(clearedBirthday == null || clearedBirthday.isNull()).isTrue();
        }
    }

    @Test
    void anotherMembersIdsAnswer404Everywhere() {
        String contact = id(add(Map.of("firstName", "Private")));
        String goal = api.post("/api/v1/goals", Map.of("title", "Mine"))
                .json()
                .get("id")
                .asString();
        String group = api.post("/api/v1/groups", Map.of("name", "Mine"))
                .json()
                .get("id")
                .asString();
        String interaction = api.post(
                        "/api/v1/interactions",
                        Map.of(
                                "contactIds",
                                List.of(contact),
                                "type",
                                "call",
                                "occurredAt",
                                Instant.now().toString()))
                .json()
                .get("id")
                .asString();
        ApiClient mallory = ApiClient.asMember(port, "mallory-" + UUID.randomUUID());
        for (String path : List.of(
                "/api/v1/contacts/" + contact,
                "/api/v1/contacts/" + contact + "/health",
                "/api/v1/contacts/" + contact + "/milestones",
                "/api/v1/contacts/" + contact + "/interactions",
                "/api/v1/goals/" + goal,
                "/api/v1/goals/" + goal + "/network",
                "/api/v1/groups/" + group,
                "/api/v1/interactions/" + interaction)) {
            assertThat(mallory.get(path).status()).as(path).isEqualTo(404);
        }
        assertThat(mallory.patch("/api/v1/contacts/" + contact, Map.of("firstName", "x"))
                        .status())
                .isEqualTo(404);
        assertThat(mallory.delete("/api/v1/contacts/" + contact).status()).isEqualTo(404);
        assertThat(mallory.post(
                                "/api/v1/groups/" + group + "/participations",
                                Map.of("occurredAt", Instant.now().toString()))
                        .status())
                .isEqualTo(404);
        assertThat(mallory.post("/api/v1/contacts", Map.of("firstName", "x", "goalIds", List.of(goal)))
                        .status())
                .as("another member's goal cannot be linked")
                .isEqualTo(400);
        assertThat(mallory.get("/api/v1/network/health").json().get("contacts").asInt())
                .isZero();
        assertThat(api.get("/api/v1/contacts/" + contact)
                        .json()
                        .get("firstName")
                        .asString())
                .isEqualTo("Private");
    }

    @Test
    void promisesBothWaysTravelWithTheInteractionAndCanBeMarkedDone() {
        String id = id(add(Map.of("firstName", "Promise")));
        Answer logged = api.post(
                "/api/v1/interactions",
                Map.of(
                        "contactIds", List.of(id),
                        "type", "coffee",
                        "direction", "mutual",
                        "occurredAt", Instant.now().minusSeconds(60).toString(),
                        "promises",
                                List.of(
                                        Map.of("owedBy", "me", "what", "send the deck", "dueOn", "2020-01-10"),
                                        Map.of("owedBy", "them", "what", "intro to Luis", "dueOn", "2020-01-12"))));
        assertThat(logged.status()).isEqualTo(201);
        JsonNode promises = logged.json().get("promises");
        assertThat(promises.findValuesAsString("owedBy")).containsExactly("me", "them");
        JsonNode network = api.get("/api/v1/network/health").json();
        assertThat(network.get("overduePromisesMine").asInt()).isEqualTo(1);
        assertThat(network.get("overduePromisesTheirs").asInt()).isEqualTo(1);

        String interaction = logged.json().get("id").asString();
        Answer done = api.patch(
                "/api/v1/interactions/" + interaction + "/promises/"
                        + promises.get(0).get("id").asString(),
                Map.of("done", true));
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.json().get("promises").get(0).get("done").asBoolean()).isTrue();
        assertThat(api.get("/api/v1/network/health")
                        .json()
                        .get("overduePromisesMine")
                        .asInt())
                .isZero();
        assertThat(api.patch("/api/v1/interactions/" + interaction + "/promises/nope", Map.of("done", true))
                        .status())
                .isEqualTo(404);

        try (MemberEvents events = new MemberEvents(member)) {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> events.of("InteractionLogged").size() == 1);
            JsonNode event = events.of("InteractionLogged").getFirst();
            assertThat(event.get("promises").findValuesAsString("owedBy")).containsExactly("me", "them");
            assertThat(event.get("promises").findValuesAsString("what"))
                    .containsExactly("send the deck", "intro to Luis");
        }
    }

    private static List<String> ids(Answer answer) {
        List<String> ids = new java.util.ArrayList<>();
        answer.json().get("items").forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }
}
