package dev.rapport.reminders.reminders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rapport.reminders.routines.RoutineService;
import dev.rapport.reminders.support.Events;
import dev.rapport.reminders.support.MutableClock;
import dev.rapport.reminders.support.RemindersIntegrationTest;
import dev.rapport.testkit.ApiClient;
import dev.rapport.testkit.KafkaProbe;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@RemindersIntegrationTest
class RemindersFromEventsIT {

    static final Duration ASYNC = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    Clock clock;

    @Autowired
    RoutineService routines;

    String member;
    ApiClient api;

    @BeforeEach
    void member() {
        ((MutableClock) clock).set(RemindersIntegrationTest.START);
        member = "member-" + UUID.randomUUID();
        api = ApiClient.asMember(port, member);
    }

    @Test
    void aStaleContactGetsOneReachOutWithItsContextAndAnOpenerEvenWhenTheEventIsDeliveredTwice() {
        interaction(
                "c1",
                "Ana Pérez",
                "2026-01-05T10:00:00Z",
                "outbound",
                "Coffee about the AI conference",
                "{\"promiseId\":\"p-" + UUID.randomUUID()
                        + "\",\"owedBy\":\"me\",\"what\":\"send the article\",\"dueOn\":\"2026-03-20\",\"done\":false}");
        Events.content("ContentPublished", member, """
                {"eventId":"%s","occurredAt":"2026-03-01T09:00:00Z","memberId":"%s","tenantId":"alumni",
                 "itemId":"item-1","title":"Five lessons from scaling","channel":"blog",
                 "url":"https://blog.example/scaling","topics":["ai","leadership"],"publishedAt":"2026-03-01T09:00:00Z"}
                """);
        // Content comes on another topic: wait until it is known so that the opener can offer it.
        JsonNode answer = await().atMost(ASYNC)
                .until(() -> items("?kind=answer-comments"), l -> l.size() == 1)
                .getFirst();
        String eventId = UUID.randomUUID().toString();
        String data = Events.data(eventId, member, staleTemplate("c1", "Ana Pérez", "inner", 1));
        Events.again("contacts", "ContactGoneStale", member, eventId, data);
        Events.again("contacts", "ContactGoneStale", member, eventId, data);

        JsonNode reachOut = await().atMost(ASYNC)
                .until(() -> items("?kind=reach-out"), l -> l.size() == 1)
                .getFirst();
        assertThat(reachOut.get("title").asString()).isEqualTo("Get back in touch with Ana Pérez");
        assertThat(reachOut.get("why").asString())
                .isEqualTo("It has been 64 days since you spoke (inner contacts: every 30 days)");
        assertThat(reachOut.get("dueOn").asString()).isEqualTo("2026-02-04");
        JsonNode context = reachOut.get("context");
        assertThat(context.get("tier").asString()).isEqualTo("inner");
        assertThat(context.get("lastInteractionSummary").asString()).isEqualTo("Coffee about the AI conference");
        assertThat(context.get("openPromises").get(0).asString()).isEqualTo("You owe: send the article (2026-03-20)");
        assertThat(context.get("sharedInterests").get(0).asString()).isEqualTo("AI");
        assertThat(reachOut.get("opener").get("style").asString()).isEqualTo("share");
        assertThat(reachOut.get("opener").get("text").asString())
                .startsWith("Hi Ana, I just published “Five lessons from scaling”")
                .endsWith("https://blog.example/scaling");

        assertThat(answer.get("title").asString())
                .isEqualTo("Answer the comments on your post “Five lessons from scaling”");
        assertThat(answer.get("dueOn").asString()).isEqualTo("2026-03-02");
        // A later event proves the duplicate was consumed (and ignored) before counting again.
        Events.contacts("GroupGoneQuiet", member, groupQuietTemplate());
        await().atMost(ASYNC).until(() -> items("?kind=participate").size() == 1);
        assertThat(items("?kind=reach-out")).hasSize(1);
    }

    @Test
    void aReminderShowsOnlyTheEarliestOpenPromisesHoweverManyAreOpenWithTheContact() {
        List<String> promises = new java.util.ArrayList<>();
        for (int day = 28; day >= 21; day--) {
            promises.add("{\"promiseId\":\"p-" + UUID.randomUUID() + "\",\"owedBy\":\"me\",\"what\":\"item " + day
                    + "\",\"dueOn\":\"2026-03-" + day + "\",\"done\":false}");
        }
        interaction("c9", "Eva Ruiz", "2026-01-05T10:00:00Z", "outbound", "Lunch", String.join(",", promises));
        await().atMost(ASYNC).until(() -> items("?kind=follow-up&contactId=c9").size() == 8);

        Events.contacts("ContactGoneStale", member, staleTemplate("c9", "Eva Ruiz", "inner", 1));

        JsonNode reachOut = await().atMost(ASYNC)
                .until(() -> items("?kind=reach-out&contactId=c9"), l -> l.size() == 1)
                .getFirst();
        JsonNode open = reachOut.get("context").get("openPromises");
        assertThat(open.size()).isEqualTo(ReminderService.MAX_OPEN_PROMISES);
        assertThat(open.get(0).asString()).isEqualTo("You owe: item 21 (2026-03-21)");
    }

    @Test
    void anInteractionLeavesTheReachOutOpenUntilReengagementEndsItsEpisodeWithAnEvent() {
        Events.contacts("ContactGoneStale", member, staleTemplate("c2", "Luis Gómez", "regular", 1));
        Events.contacts("ContactGoneStale", member, staleTemplate("c3", "Marta Ruiz", "regular", 2));
        await().atMost(ASYNC).until(() -> items("?kind=reach-out&status=open").size() == 2);
        String luisReminder = items("?contactId=c2").getFirst().get("id").asString();

        // Logged, but (as contacts-service judges) not enough to bring Luis back within his cadence.
        interaction("c2", "Luis Gómez", "2026-01-20T18:00:00Z", "inbound", "He called", null);
        Events.contacts("ContactReengaged", member, """
                {"eventId":"%s","occurredAt":"2026-03-09T19:00:00Z","memberId":"%s","tenantId":"alumni",
                 "contactId":"c3","displayName":"Marta Ruiz","episode":2,"interactionId":"i-9",
                 "interactionOccurredAt":"2026-03-09T19:00:00Z"}
                """);
        await().atMost(ASYNC).until(() -> items("?kind=reach-out&status=done").size() == 1);
        assertThat(items("?contactId=c2&status=open")).hasSize(1);

        Events.contacts("ContactReengaged", member, """
                {"eventId":"%s","occurredAt":"2026-03-09T20:00:00Z","memberId":"%s","tenantId":"alumni",
                 "contactId":"c2","displayName":"Luis Gómez","episode":1,"interactionId":"i-10",
                 "interactionOccurredAt":"2026-03-09T20:00:00Z"}
                """);
        await().atMost(ASYNC).until(() -> items("?kind=reach-out&status=done").size() == 2);
        try (KafkaProbe events = KafkaProbe.reading("reminders.events")) {
            await().atMost(ASYNC)
                    .untilAsserted(() -> assertThat(events.poll()).anySatisfy(r -> {
                        assertThat(KafkaProbe.header(r, "ce_type")).isEqualTo("rapport.reminders.ReminderCompleted.v1");
                        assertThat(KafkaProbe.header(r, "ce_subject")).isEqualTo(luisReminder);
                        assertThat(r.key()).isEqualTo(member);
                        assertThat(r.value()).contains("\"closedBy\":\"reengaged\"");
                    }));
        }
    }

    @Test
    void aKeptPromiseCompletesItsFollowUpAndReopeningItReopensItWithAnEvent() {
        String promise = "p-" + UUID.randomUUID();
        interaction(
                "c11",
                "Ana Pérez",
                "2026-03-05T10:00:00Z",
                "outbound",
                "Coffee",
                "{\"promiseId\":\"" + promise
                        + "\",\"owedBy\":\"me\",\"what\":\"send the article\",\"dueOn\":\"2026-03-20\",\"done\":false}");
        String followUp = await().atMost(ASYNC)
                .until(() -> items("?kind=follow-up&status=open"), l -> l.size() == 1)
                .getFirst()
                .get("id")
                .asString();
        String change = """
                {"eventId":"%s","occurredAt":"AT","memberId":"%s","tenantId":"alumni","interactionId":"i-11",
                 "promiseId":"PROMISE","contactId":"c11","owedBy":"me","what":"send the article",
                 "dueOn":"2026-03-20","revision":REVISION}
                """.replace("PROMISE", promise);
        Events.contacts(
                "PromiseKept",
                member,
                change.replace("AT", "2026-03-09T10:00:00Z").replace("REVISION", "1"));
        await().atMost(ASYNC).until(() -> items("?kind=follow-up&status=done").size() == 1);

        Events.contacts(
                "PromiseReopened",
                member,
                change.replace("AT", "2026-03-09T11:00:00Z").replace("REVISION", "2"));
        await().atMost(ASYNC).until(() -> items("?kind=follow-up&status=open").size() == 1);
        try (KafkaProbe events = KafkaProbe.reading("reminders.events")) {
            await().atMost(ASYNC)
                    .untilAsserted(() -> assertThat(events.poll()).anySatisfy(r -> {
                        assertThat(KafkaProbe.header(r, "ce_type")).isEqualTo("rapport.reminders.ReminderReopened.v1");
                        assertThat(KafkaProbe.header(r, "ce_subject")).isEqualTo(followUp);
                        assertThat(r.value()).contains("\"reopenedBy\":\"promise-reopened\"");
                    }));
        }
    }

    @Test
    void anArchivedContactsRemindersAreDismissed() {
        Events.contacts("ContactGoneStale", member, staleTemplate("c10", "Old Friend", "regular", 1));
        await().atMost(ASYNC).until(() -> items("?contactId=c10&status=open").size() == 1);
        Events.contacts("ContactArchived", member, """
                {"eventId":"%s","occurredAt":"2026-03-09T10:00:00Z","memberId":"%s","tenantId":"alumni",
                 "contactId":"c10","displayName":"Old Friend"}
                """);
        await().atMost(ASYNC)
                .until(() -> items("?contactId=c10&status=dismissed").size() == 1);
    }

    @Test
    void aLateStalenessOfAnEpisodeAlreadyOverCreatesNothing() {
        Events.contacts("ContactReengaged", member, """
                {"eventId":"%s","occurredAt":"2026-03-09T19:00:00Z","memberId":"%s","tenantId":"alumni",
                 "contactId":"c4","displayName":"Eva","episode":3}
                """);
        Events.contacts("ContactGoneStale", member, staleTemplate("c4", "Eva", "regular", 3));
        Events.contacts("GroupGoneQuiet", member, groupQuietTemplate());
        await().atMost(ASYNC).until(() -> items("?kind=participate").size() == 1);
        assertThat(items("?kind=reach-out")).isEmpty();
    }

    @Test
    void aSpanishSpeakingMemberReadsRemindersAndOpenersInSpanish() {
        assertThat(api.put("/api/v1/me/notification-settings", Map.of("locale", "es", "timeZone", "Europe/Madrid"))
                        .status())
                .isEqualTo(200);
        Events.contacts("ContactGoneStale", member, staleTemplate("c5", "Luis Gómez", "strategic", 1));
        JsonNode reachOut = await().atMost(ASYNC)
                .until(() -> items("?kind=reach-out"), l -> l.size() == 1)
                .getFirst();
        assertThat(reachOut.get("title").asString()).isEqualTo("Retoma el contacto con Luis Gómez");
        assertThat(reachOut.get("why").asString()).startsWith("Hace 64 días que no habláis");
        assertThat(reachOut.get("opener").get("text").asString()).startsWith("Hola Luis");
    }

    @Test
    void milestonesBecomeCongratulationsAndBirthdaysComeBackOnTheDayEveryYear() {
        Events.contacts("MilestoneRecorded", member, """
                {"eventId":"%s","occurredAt":"2026-03-09T10:00:00Z","memberId":"%s","tenantId":"alumni",
                 "milestoneId":"m-1","contactId":"c6","displayName":"Luis Gómez","kind":"promotion",
                 "title":"promoted to VP of Engineering","date":"2026-03-08","recurringYearly":false}
                """);
        Events.contacts("MilestoneRecorded", member, """
                {"eventId":"%s","occurredAt":"2026-03-09T10:00:00Z","memberId":"%s","tenantId":"alumni",
                 "milestoneId":"m-2","contactId":"c7","displayName":"Sara Vidal","kind":"birthday",
                 "title":"Birthday","date":"1990-03-10","recurringYearly":true}
                """);
        JsonNode congrats = await().atMost(ASYNC)
                .until(() -> items("?kind=congratulate"), l -> l.size() == 1)
                .getFirst();
        assertThat(congrats.get("title").asString())
                .isEqualTo("Congratulate Luis Gómez: promoted to VP of Engineering");
        assertThat(congrats.get("dueOn").asString()).isEqualTo("2026-03-10");

        await().atMost(ASYNC)
                .until(() -> api.get("/api/v1/routines").json().get("total").asInt() == 1);
        routines.materializeDue(100);
        routines.materializeDue(100);
        assertThat(items("?kind=congratulate"))
                .anySatisfy(r -> {
                    assertThat(r.get("title").asString()).isEqualTo("Wish Sara Vidal a happy birthday");
                    assertThat(r.get("dueOn").asString()).isEqualTo("2026-03-10");
                })
                .hasSize(2);
        JsonNode birthday = api.get("/api/v1/routines").json().get("items").get(0);
        assertThat(birthday.get("nextDueOn").asString()).isEqualTo("2027-03-10");
    }

    @Test
    void groupsCadencesAndShareSuggestionsBecomeTheirReminders() {
        Events.contacts("GroupGoneQuiet", member, groupQuietTemplate());
        Events.content("ContentCadenceSlipped", member, """
                {"eventId":"%s","occurredAt":"2026-03-09T00:05:00Z","memberId":"%s","tenantId":"alumni",
                 "channel":"linkedin","periodStart":"2026-03-02","periodEnd":"2026-03-08","targetPerPeriod":1,
                 "publishedInPeriod":0}
                """);
        Events.contacts("ContentShareSuggested", member, """
                {"eventId":"%s","occurredAt":"2026-03-09T10:00:00Z","memberId":"%s","tenantId":"alumni",
                 "itemId":"item-7","title":"Hiring in 2026","url":"https://blog.example/hiring","topics":["hiring"],
                 "suggestions":[{"contactId":"c8","displayName":"Ana Pérez","matchedTopics":["hiring"]},
                                {"contactId":"c9","displayName":"Luis Gómez","matchedTopics":["hiring"]}]}
                """);
        await().atMost(ASYNC).until(() -> items("").size() == 4);
        assertThat(items("?kind=participate").getFirst().get("title").asString())
                .isEqualTo("Take part in Madrid Alumni Tech this week: comment, answer or share something");
        assertThat(items("?kind=write").getFirst().get("title").asString())
                .isEqualTo("Your linkedin cadence slipped (0 of 1): write or publish something");
        JsonNode share = items("?kind=share&contactId=c8").getFirst();
        assertThat(share.get("title").asString()).isEqualTo("Share “Hiring in 2026” with Ana Pérez");
        assertThat(share.get("why").asString()).isEqualTo("They are interested in hiring");
        assertThat(share.get("url").asString()).isEqualTo("https://blog.example/hiring");
        assertThat(share.get("opener").get("text").asString()).contains("https://blog.example/hiring");
    }

    private List<JsonNode> items(String query) {
        var answer = api.get("/api/v1/reminders" + query);
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
        return answer.json().get("items").valueStream().toList();
    }

    private void interaction(
            String contactId, String name, String at, String direction, String summary, String promise) {
        Events.contacts(
                "InteractionLogged",
                member,
                """
                {"eventId":"%s","memberId":"%s","tenantId":"alumni","occurredAt":"%s","interactionId":"%s",
                 "contacts":[{"contactId":"%s","displayName":"%s"}],"type":"coffee","direction":"%s",
                 "interactionAt":"%s","summary":"%s","promises":[%s]}
                """,
                at,
                UUID.randomUUID(),
                contactId,
                name,
                direction,
                at,
                summary,
                promise == null ? "" : promise);
    }

    private static String staleTemplate(String contactId, String name, String tier, int episode) {
        return """
                {"eventId":"%s","occurredAt":"2026-02-04T03:00:00Z","memberId":"%s","tenantId":"alumni",
                 "contactId":"CONTACT","displayName":"NAME","tier":"TIER","lastInteractionAt":"2026-01-05T10:00:00Z",
                 "cadenceDays":30,"staleSince":"2026-02-04T03:00:00Z","episode":EPISODE,"interests":["AI","golf"]}
                """.replace("CONTACT", contactId)
                .replace("NAME", name)
                .replace("TIER", tier)
                .replace("EPISODE", Integer.toString(episode));
    }

    private static String groupQuietTemplate() {
        return """
                {"eventId":"%s","occurredAt":"2026-03-09T00:05:00Z","memberId":"%s","tenantId":"alumni",
                 "groupId":"g-1","name":"Madrid Alumni Tech","lastParticipationAt":"2026-02-01T10:00:00Z",
                 "cadenceDays":7,"quietSince":"2026-02-08T10:00:00Z","episode":1}
                """;
    }
}
