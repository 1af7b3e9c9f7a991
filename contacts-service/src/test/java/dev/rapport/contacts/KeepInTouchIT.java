package dev.rapport.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rapport.contacts.contacts.ContactRepository;
import dev.rapport.contacts.staleness.StalenessSweep;
import dev.rapport.testkit.ApiClient;
import dev.rapport.testkit.RapportIntegrationTest;
import dev.rapport.testkit.TestIdentity;
import dev.rapport.testkit.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

/** The keep-in-touch engine on the real broker and store, with a second instance of the service racing the first. */
@RapportIntegrationTest
class KeepInTouchIT {

    private static ConfigurableApplicationContext secondInstance;

    @LocalServerPort
    int port;

    @Autowired
    StalenessSweep sweep;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    ContactRepository contacts;

    @Autowired
    Environment environment;

    String member;
    ApiClient api;

    @BeforeEach
    void member() {
        member = "member-" + UUID.randomUUID();
        api = ApiClient.asMember(port, member);
    }

    @AfterAll
    static void stopSecondInstance() {
        if (secondInstance != null) {
            secondInstance.close();
        }
    }

    /** Another instance of contacts-service on the same database and broker, as in a scaled-out deployment. */
    private StalenessSweep secondInstance() {
        if (secondInstance == null) {
            // Command-line arguments: they win over the shared defaults, as the environment does in production.
            secondInstance = new SpringApplicationBuilder(ContactsApplication.class)
                    .run(
                            "--server.port=0",
                            "--management.server.port=0",
                            "--spring.mongodb.uri="
                                    + TestInfrastructure.endpoints().mongoUri(),
                            "--spring.mongodb.database=" + mongo.getDb().getName(),
                            "--spring.cloud.stream.kafka.binder.brokers="
                                    + TestInfrastructure.endpoints().kafkaBrokers(),
                            "--rapport.consumer-group=" + environment.getProperty("rapport.consumer-group"),
                            "--rapport.identity-secret=" + TestIdentity.SECRET,
                            "--rapport.outbox.sweep-interval=PT1S");
        }
        return secondInstance.getBean(StalenessSweep.class);
    }

    private String contact(String name, Map<String, Object> extra) {
        Map<String, Object> body = new java.util.HashMap<>(extra);
        body.put("firstName", name);
        return api.post("/api/v1/contacts", body).json().get("id").asString();
    }

    private void interaction(String contactId, Instant at) {
        assertThat(api.post(
                                "/api/v1/interactions",
                                Map.of("contactIds", List.of(contactId), "type", "call", "occurredAt", at.toString()))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void twoInstancesSweepingAtOnceMarkEachLapsedContactStaleExactlyOnce() throws Exception {
        StalenessSweep other = secondInstance();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String id = contact("Lapsed " + i, Map.of("cadenceDays", 1));
            interaction(id, Instant.now().minus(Duration.ofDays(3)));
            ids.add(id);
        }

        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<StalenessSweep.Outcome>> runs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            StalenessSweep instance = i % 2 == 0 ? sweep : other;
            runs.add(pool.submit(() -> {
                start.await();
                return instance.sweep();
            }));
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        for (Future<StalenessSweep.Outcome> run : runs) {
            run.get();
        }

        try (MemberEvents events = new MemberEvents(member)) {
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> events.of("ContactGoneStale").size() >= ids.size());
            // Nothing more arrives: exactly one event per contact, whoever swept.
            await().during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> events.of("ContactGoneStale").size() == ids.size());
            List<JsonNode> stale = events.of("ContactGoneStale");
            assertThat(stale).extracting(e -> e.get("contactId").asString()).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(stale).allSatisfy(e -> {
                assertThat(e.get("episode").asInt()).isEqualTo(1);
                assertThat(e.get("cadenceDays").asInt()).isEqualTo(1);
                assertThat(e.get("displayName").asString()).startsWith("Lapsed ");
                assertThat(e.get("staleSince").asString()).isNotBlank();
            });
        }
        sweep.sweep();
        other.sweep();
        for (String id : ids) {
            var stored = contacts.findById(id).orElseThrow();
            assertThat(stored.isStale()).isTrue();
            assertThat(stored.getEpisode())
                    .as("later sweeps start no new episode")
                    .isEqualTo(1);
        }
    }

    @Test
    void theNextInteractionEndsTheEpisodeWithContactReengagedAndTheNextLapseStartsEpisodeTwo() {
        String id = contact("Marta", Map.of("cadenceDays", 2));
        interaction(id, Instant.now().minus(Duration.ofDays(5)));
        sweep.sweep();
        assertThat(api.get("/api/v1/contacts/" + id).json().get("stale").asBoolean())
                .isTrue();

        interaction(id, Instant.now().minus(Duration.ofDays(10))); // backdated: still stale, nothing published
        interaction(id, Instant.now().minusSeconds(60));
        interaction(id, Instant.now().minusSeconds(30)); // already re-engaged: no second event
        JsonNode contact = api.get("/api/v1/contacts/" + id).json();
        assertThat(contact.get("stale").asBoolean()).isFalse();
        assertThat(contact.get("status").asString()).isEqualTo("due-soon");

        try (MemberEvents events = new MemberEvents(member)) {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> events.of("ContactReengaged").size() == 1);
            JsonNode reengaged = events.of("ContactReengaged").getFirst();
            assertThat(reengaged.get("contactId").asString()).isEqualTo(id);
            assertThat(reengaged.get("episode").asInt()).isEqualTo(1);
            assertThat(reengaged.get("interactionId").asString()).isNotBlank();
        }

        // The cadence lapses again (the interaction moved back in time by hand): a new episode.
        mongo.getCollection("contacts")
                .updateOne(
                        new Document("_id", new ObjectId(id)),
                        new Document(
                                "$set",
                                new Document(
                                        "nextTouchDueAt",
                                        Date.from(Instant.now().minusSeconds(5)))));
        sweep.sweep();
        try (MemberEvents events = new MemberEvents(member)) {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> events.of("ContactGoneStale").size() == 2);
            assertThat(events.of("ContactGoneStale"))
                    .extracting(e -> e.get("episode").asInt())
                    .containsExactly(1, 2);
        }
    }

    @Test
    void keepingAPromisePublishesPromiseKeptReopeningItPromiseReopenedAndRepeatingEitherPublishesNothing() {
        String id = contact("Promise", Map.of());
        var logged = api.post(
                "/api/v1/interactions",
                Map.of(
                        "contactIds",
                        List.of(id),
                        "type",
                        "coffee",
                        "occurredAt",
                        Instant.now().minusSeconds(60).toString(),
                        "promises",
                        List.of(Map.of("owedBy", "me", "what", "send the deck", "dueOn", "2030-01-10"))));
        assertThat(logged.status()).isEqualTo(201);
        String interaction = logged.json().get("id").asString();
        String promise = logged.json().get("promises").get(0).get("id").asString();
        String path = "/api/v1/interactions/" + interaction + "/promises/" + promise;

        assertThat(api.patch(path, Map.of("done", true)).status()).isEqualTo(200);
        assertThat(api.patch(path, Map.of("done", true)).status()).isEqualTo(200); // a retry: nothing new
        assertThat(api.patch(path, Map.of("done", false)).status()).isEqualTo(200);
        assertThat(api.patch(path, Map.of("done", true)).status()).isEqualTo(200);

        try (MemberEvents events = new MemberEvents(member)) {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> events.of("PromiseKept").size() == 2
                            && events.of("PromiseReopened").size() == 1);
            JsonNode kept = events.of("PromiseKept").getFirst();
            assertThat(kept.get("interactionId").asString()).isEqualTo(interaction);
            assertThat(kept.get("promiseId").asString()).isEqualTo(promise);
            assertThat(kept.get("contactId").asString()).isEqualTo(id);
            assertThat(kept.get("what").asString()).isEqualTo("send the deck");
            assertThat(kept.get("owedBy").asString()).isEqualTo("me");
            assertThat(kept.get("dueOn").asString()).isEqualTo("2030-01-10");
            assertThat(events.of("PromiseKept"))
                    .extracting(e -> e.get("revision").asInt())
                    .containsExactly(1, 3);
            assertThat(events.of("PromiseReopened").getFirst().get("revision").asInt())
                    .isEqualTo(2);
        }
    }

    @Test
    void anInteractionWhoseClockUpdateWasLostIsAppliedByTheSweepBeforeStalenessIsJudged() {
        String id = contact("Crash", Map.of("cadenceDays", 1));
        interaction(id, Instant.now().minus(Duration.ofDays(3)));
        // As if the service died after storing an interaction and before moving the contact's clock.
        Instant recent = Instant.now().minusSeconds(600);
        mongo.getCollection("interactions")
                .insertOne(new Document("_id", new ObjectId())
                        .append("memberId", member)
                        .append("tenantId", "alumni")
                        .append("contactIds", List.of(id))
                        .append("pendingContactIds", List.of(id))
                        .append("type", "coffee")
                        .append("direction", "mutual")
                        .append("occurredAt", Date.from(recent))
                        .append("summary", "Coffee in Lisbon")
                        .append("promises", List.of())
                        .append("loggedAt", Date.from(recent))
                        .append("version", 0L)
                        .append("outbox", List.of()));

        StalenessSweep.Outcome outcome = sweep.sweep();

        assertThat(outcome.clocksFinished()).isGreaterThanOrEqualTo(1);
        JsonNode contact = api.get("/api/v1/contacts/" + id).json();
        assertThat(Instant.parse(contact.get("lastInteractionAt").asString()))
                .isEqualTo(recent.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        assertThat(contact.get("stale").asBoolean()).isFalse();
        assertThat(mongo.getCollection("interactions")
                        .countDocuments(new Document("memberId", member)
                                .append("pendingContactIds.0", new Document("$exists", true))))
                .isZero();
    }

    @Test
    void membersChooseTheirDefaultCadencesAndAContactsOwnCadenceWins() {
        String inner = contact("Inner", Map.of("tier", "inner"));
        String custom = contact("Custom", Map.of("tier", "inner", "cadenceDays", 3));
        Instant at = Instant.parse("2026-01-10T10:00:00Z");
        interaction(inner, at);
        interaction(custom, at);
        assertThat(api.get("/api/v1/network/cadences").json().get("inner").asInt())
                .isEqualTo(30);

        var changed = api.put(
                "/api/v1/network/cadences", Map.of("inner", 14, "strategic", 45, "regular", 90, "acquaintance", 200));
        assertThat(changed.status()).isEqualTo(200);

        JsonNode innerNow = api.get("/api/v1/contacts/" + inner).json();
        assertThat(innerNow.get("cadenceDays").asInt()).isEqualTo(14);
        assertThat(Instant.parse(innerNow.get("nextTouchDueAt").asString())).isEqualTo(at.plus(Duration.ofDays(14)));
        JsonNode customNow = api.get("/api/v1/contacts/" + custom).json();
        assertThat(customNow.get("cadenceDays").asInt()).isEqualTo(3);
        assertThat(customNow.get("customCadence").asBoolean()).isTrue();
        String added = contact("Added later", Map.of("tier", "acquaintance"));
        assertThat(api.get("/api/v1/contacts/" + added)
                        .json()
                        .get("cadenceDays")
                        .asInt())
                .isEqualTo(200);

        var invalid = api.put(
                "/api/v1/network/cadences", Map.of("inner", 0, "strategic", 45, "regular", 90, "acquaintance", 200));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("errors").findValuesAsString("field")).containsExactly("inner");
        assertThat(api.get("/api/v1/network/cadences").json().get("inner").asInt())
                .isEqualTo(14);
    }

    @Test
    void birthdaysAreAnnouncedAheadOnceAYearEvenWithTwoInstancesSweeping() {
        StalenessSweep other = secondInstance();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate birthday = today.plusDays(3).withYear(1990);
        String id = contact("Birthday", Map.of("birthday", birthday.toString()));
        sweep.sweep();
        other.sweep();
        sweep.sweep();
        try (MemberEvents events = new MemberEvents(member)) {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> events.of("MilestoneRecorded").size() == 1);
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> events.of("MilestoneRecorded").size() == 1);
            JsonNode announced = events.of("MilestoneRecorded").getFirst();
            assertThat(announced.get("contactId").asString()).isEqualTo(id);
            assertThat(announced.get("kind").asString()).isEqualTo("birthday");
            assertThat(announced.get("recurringYearly").asBoolean()).isTrue();
            assertThat(announced.get("date").asString())
                    .isEqualTo(today.plusDays(3).toString());
            assertThat(announced.get("milestoneId").asString())
                    .isEqualTo(id + "-birthday-" + today.plusDays(3).getYear());
        }
    }
}
