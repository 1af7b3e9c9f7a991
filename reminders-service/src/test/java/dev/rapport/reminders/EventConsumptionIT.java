package dev.rapport.reminders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rapport.testkit.ApiClient;
import dev.rapport.testkit.KafkaProbe;
import dev.rapport.testkit.RapportIntegrationTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.function.context.catalog.FunctionAroundWrapper;
import org.springframework.context.ApplicationContext;

@RapportIntegrationTest
class EventConsumptionIT {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext app;

    @Autowired
    MeterRegistry meters;

    String member;
    ApiClient api;

    @BeforeEach
    void member() {
        member = "member-" + UUID.randomUUID();
        api = ApiClient.asMember(port, member);
    }

    @Test
    void aConsumedRecordIsObservedByTheInboxAloneNotAlsoAroundTheFunctionCall() {
        // EventInbox's "handle <type>" span is the one observation of a record (docs/operations.md#traces); Spring
        // Cloud Function's wrapper around every call repeated it, for the records a service ignores too.
        assertThat(app.getBeanNamesForType(FunctionAroundWrapper.class)).isEmpty();
    }

    @Test
    void aRecordOfATypeTheInboxDoesNotActOnIsDroppedBeforeTheBinderMakesAMessageOfIt() {
        String added = "rapport.contacts.ContactAdded.v1"; // on contacts.events, not one reminders-service acts on
        double skippedBefore = consumed("not-acted-on", added);
        double handedBefore = handedToTheInbox();
        for (int i = 0; i < 3; i++) {
            String id = UUID.randomUUID().toString();
            send(id, added, """
                    {"eventId":"%s","occurredAt":"%s","memberId":"%s","tenantId":"alumni","contactId":"c%d"}
                    """.formatted(id, Instant.now(), member, i));
        }
        // Records of one member are consumed in order: once this one is handled, the three before it were read.
        String marker = UUID.randomUUID().toString();
        send(marker, interactionLogged(marker, "promise-" + UUID.randomUUID()));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(openReminders()).isEqualTo(1));

        assertThat(consumed("not-acted-on", added) - skippedBefore).isEqualTo(3);
        assertThat(handedToTheInbox() - handedBefore)
                .as("only the marker reached the inbox's channel (and its function)")
                .isEqualTo(1);
    }

    /** Records of {@code type} the inbox consumed with {@code outcome} (rapport_events_consumed_total). */
    private double consumed(String outcome, String type) {
        Counter counter = meters.find("rapport.events.consumed")
                .tag("outcome", outcome)
                .tag("type", type)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    /** Messages the binder sent to the inbox's channel (Spring Integration's own metric of the channel). */
    private double handedToTheInbox() {
        return meters.find("spring.integration.send").tag("name", "inbox-in-0").timers().stream()
                .mapToDouble(Timer::count)
                .sum();
    }

    @Test
    void aPromiseInALoggedInteractionBecomesOneFollowUpReminderEvenWhenTheEventIsDeliveredTwice() {
        String eventId = UUID.randomUUID().toString();
        String event = interactionLogged(eventId, "promise-" + UUID.randomUUID());
        send(eventId, event);
        send(eventId, event);

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(openReminders()).isEqualTo(1));
        // A later event proves both copies were consumed before we count again.
        String laterId = UUID.randomUUID().toString();
        send(laterId, interactionLogged(laterId, "promise-" + UUID.randomUUID()));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(openReminders()).isEqualTo(2));

        var reminder =
                api.get("/api/v1/reminders?status=open").json().get("items").get(0);
        assertThat(reminder.get("kind").asString()).isEqualTo("follow-up");
        assertThat(reminder.get("title").asString()).isEqualTo("Keep your promise to Ana Pérez: send the article");
        assertThat(reminder.get("dueOn").asString()).isEqualTo("2030-01-10");
    }

    @Test
    void theSameEventReplayedWithANewDeliveryStillCreatesNothingNew() {
        String promiseId = "promise-" + UUID.randomUUID();
        String first = UUID.randomUUID().toString();
        send(first, interactionLogged(first, promiseId));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(openReminders()).isEqualTo(1));
        // A producer retry after a crash re-publishes the same fact under a new CloudEvent id: the
        // reminder's id comes from the promise, so nothing is created twice.
        String again = UUID.randomUUID().toString();
        send(again, interactionLogged(again, promiseId));
        String marker = UUID.randomUUID().toString();
        send(marker, interactionLogged(marker, "promise-" + UUID.randomUUID()));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(openReminders()).isEqualTo(2));
    }

    @Test
    void aMalformedEventLandsInTheDeadLetterTopicAndTheConsumerCarriesOn() {
        String poisonId = UUID.randomUUID().toString();
        send(poisonId, "{ this is not json");
        String goodId = UUID.randomUUID().toString();
        send(goodId, interactionLogged(goodId, "promise-" + UUID.randomUUID()));

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(openReminders()).isEqualTo(1));
        try (KafkaProbe dlq = KafkaProbe.reading("reminders-service.dlq")) {
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(dlq.poll())
                            .anySatisfy(r ->
                                    assertThat(KafkaProbe.header(r, "ce_id")).isEqualTo(poisonId)));
        }
    }

    @Test
    void remindersOfOneMemberAreInvisibleToAnother() {
        String eventId = UUID.randomUUID().toString();
        send(eventId, interactionLogged(eventId, "promise-" + UUID.randomUUID()));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(openReminders()).isEqualTo(1));
        ApiClient other = ApiClient.asMember(port, "other-" + UUID.randomUUID());
        assertThat(other.get("/api/v1/reminders").json().get("total").asInt()).isZero();
    }

    private int openReminders() {
        return api.get("/api/v1/reminders?status=open").json().get("total").asInt();
    }

    private void send(String eventId, String data) {
        send(eventId, "rapport.contacts.InteractionLogged.v1", data);
    }

    private void send(String eventId, String type, String data) {
        KafkaProbe.send(
                "contacts.events",
                member,
                data,
                Map.of(
                        "ce_id", eventId,
                        "ce_type", type,
                        "ce_source", "/rapport/contacts-service",
                        "ce_specversion", "1.0",
                        "content-type", "application/json",
                        // what the binder itself adds on the producing side
                        "contentType", "application/json"));
    }

    private String interactionLogged(String eventId, String promiseId) {
        return """
                {"eventId":"%s","occurredAt":"%s","memberId":"%s","tenantId":"alumni",
                 "interactionId":"%s","contacts":[{"contactId":"c1","displayName":"Ana Pérez"}],
                 "type":"coffee","direction":"outbound","interactionAt":"%s","summary":"Coffee in Madrid",
                 "promises":[{"promiseId":"%s","owedBy":"me","what":"send the article","dueOn":"2030-01-10","done":false}],
                 "someFutureField":"ignored by tolerant readers"}
                """.formatted(eventId, Instant.now(), member, UUID.randomUUID(), Instant.now(), promiseId);
    }
}
