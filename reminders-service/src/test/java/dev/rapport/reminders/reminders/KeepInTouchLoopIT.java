package dev.rapport.reminders.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.contracts.events.ContactArchived;
import dev.rapport.contracts.events.ContactGoneStale;
import dev.rapport.contracts.events.ContactReengaged;
import dev.rapport.contracts.events.ContactTier;
import dev.rapport.contracts.events.ContactUpdated;
import dev.rapport.contracts.events.DomainEvent;
import dev.rapport.contracts.events.EventHeader;
import dev.rapport.contracts.events.InteractionDirection;
import dev.rapport.contracts.events.InteractionKind;
import dev.rapport.contracts.events.InteractionLogged;
import dev.rapport.contracts.events.MilestoneKind;
import dev.rapport.contracts.events.MilestoneRecorded;
import dev.rapport.contracts.events.OwedBy;
import dev.rapport.contracts.events.PromiseKept;
import dev.rapport.contracts.events.PromiseReopened;
import dev.rapport.reminders.reminders.domain.ReminderIds;
import dev.rapport.reminders.routines.RoutineService;
import dev.rapport.reminders.support.MutableClock;
import dev.rapport.reminders.support.RemindersIntegrationTest;
import dev.rapport.testkit.ApiClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;

/**
 * The keep-in-touch loop as reminders-service reacts to it: promises kept and reopened, one birthday routine
 * per contact, reach-outs that last as long as their staleness episode, and replays that change nothing. The
 * reactions are driven directly (the Kafka path is covered by {@link RemindersFromEventsIT}) so that the order
 * of events is exactly the test's.
 */
@RemindersIntegrationTest
class KeepInTouchLoopIT {

    @LocalServerPort
    int port;

    @Autowired
    Clock clock;

    @Autowired
    EventReactions reactions;

    @Autowired
    RoutineService routines;

    @Autowired
    MongoTemplate mongo;

    String member;
    ApiClient api;
    final List<DomainEvent> delivered = new ArrayList<>();

    @BeforeEach
    void member() {
        ((MutableClock) clock).set(RemindersIntegrationTest.START);
        member = "member-" + UUID.randomUUID();
        api = ApiClient.asMember(port, member);
        delivered.clear();
    }

    @Test
    void keepingAPromiseCompletesItsFollowUpReopeningItReopensItAndALateChangeIsIgnored() {
        deliver(interaction("i-1", "c1", "2026-03-01T10:00:00Z", "p-1"));
        String followUp = ReminderIds.of(member, "follow-up", "p-1");
        assertThat(reminder(followUp).status.id()).isEqualTo("open");

        deliver(new PromiseKept(h("2026-03-02T10:00:00Z"), "i-1", "p-1", "c1", OwedBy.ME, "send the deck", null, 1));
        assertThat(reminder(followUp).status.id()).isEqualTo("done");
        assertThat(reminder(followUp).closedBy).isEqualTo("promise-kept");

        deliver(new PromiseReopened(
                h("2026-03-03T10:00:00Z"), "i-1", "p-1", "c1", OwedBy.ME, "send the deck", null, 2));
        assertThat(reminder(followUp).status.id()).isEqualTo("open");
        assertThat(reminder(followUp).closedAt).isNull();

        // The first change delivered again (a redelivery, or a replay of the topic): the promise is open.
        deliver(new PromiseKept(h("2026-03-02T10:00:00Z"), "i-1", "p-1", "c1", OwedBy.ME, "send the deck", null, 1));
        assertThat(reminder(followUp).status.id()).isEqualTo("open");
        assertThat(api.get("/api/v1/reminders?kind=follow-up&status=open")
                        .json()
                        .get("total")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void aReopenedPromiseWhoseFollowUpIsUnknownGetsOne() {
        deliver(new PromiseReopened(
                h("2026-03-03T10:00:00Z"),
                "i-2",
                "p-2",
                "c2",
                OwedBy.THEM,
                "intro to Luis",
                LocalDate.of(2026, 3, 20),
                2));
        ReminderDocument followUp = reminder(ReminderIds.of(member, "follow-up", "p-2"));
        assertThat(followUp.status.id()).isEqualTo("open");
        assertThat(followUp.owedBy).isEqualTo("them");
        assertThat(followUp.dueOn).isEqualTo(LocalDate.of(2026, 3, 20));
    }

    @Test
    void aContactStillStaleAfterAnOlderInteractionKeepsItsReachOutUntilItsEpisodeEnds() {
        // A 90-day contact last seen 200 days ago goes stale; an interaction dated 100 days ago is logged:
        // the contact is still overdue (contacts-service keeps the episode running), so the reach-out stays.
        deliver(stale("c3", "2025-08-22T10:00:00Z", 1));
        String reachOut = ReminderIds.of(member, "reach-out", "c3", "1");
        deliver(interaction("i-3", "c3", "2025-11-30T10:00:00Z", null));
        assertThat(reminder(reachOut).status.id()).isEqualTo("open");

        deliver(new ContactReengaged(
                h("2026-03-09T10:00:00Z"), "c3", "Ana", 1, "i-4", Instant.parse("2026-03-09T09:00:00Z")));
        assertThat(reminder(reachOut).status.id()).isEqualTo("done");
        assertThat(reminder(reachOut).closedBy).isEqualTo("reengaged");
    }

    @Test
    void aContactRestoredWhileStillStaleGetsTheirReachOutAndFollowUpsBack() {
        deliver(stale("c6", "2025-08-22T10:00:00Z", 1));
        deliver(interaction("i-6", "c6", "2025-11-30T10:00:00Z", "p-6"));
        deliver(new ContactArchived(h("2026-03-01T10:00:00Z"), "c6", "Ana"));
        String reachOut = ReminderIds.of(member, "reach-out", "c6", "1");
        String followUp = ReminderIds.of(member, "follow-up", "p-6");
        assertThat(reminder(reachOut).status.id()).isEqualTo("dismissed");
        assertThat(reminder(followUp).status.id()).isEqualTo("dismissed");

        deliver(updated("c6", "2026-03-02T10:00:00Z", null, "archived"));
        assertThat(reminder(reachOut).status.id()).isEqualTo("open");
        assertThat(reminder(followUp).status.id()).isEqualTo("open");
    }

    @Test
    void birthdaysMakeOneRoutinePerContactMovedWhenTheBirthdayChangesAndRemovedWhenClearedOrArchived() {
        // Three years of announcements of the same birthday (the contact has been known since 2024).
        for (int year = 2024; year <= 2026; year++) {
            deliver(birthday("c4", year + "-03-12", "1990-03-12", year + "-03-05T00:00:00Z"));
        }
        assertThat(birthdayRoutines()).hasSize(1);
        assertThat(birthdayRoutines().getFirst().get("nextDueOn").asString()).isEqualTo("2026-03-12");

        ((MutableClock) clock).set(Instant.parse("2026-03-12T08:00:00Z"));
        routines.materializeDue(100);
        deliver(birthday("c4", "2026-03-12", "1990-03-12", "2026-03-05T00:00:00Z")); // delivered again
        routines.materializeDue(100);
        assertThat(congratulations()).hasSize(1);

        deliver(updated("c4", "2026-03-12T09:00:00Z", LocalDate.of(1990, 6, 1), "birthday"));
        assertThat(birthdayRoutines())
                .singleElement()
                .satisfies(r -> assertThat(r.get("nextDueOn").asString()).isEqualTo("2026-06-01"));

        deliver(updated("c4", "2026-03-12T10:00:00Z", null, "birthday"));
        assertThat(birthdayRoutines()).isEmpty();

        deliver(updated("c4", "2026-03-12T11:00:00Z", LocalDate.of(1990, 6, 1), "birthday"));
        assertThat(birthdayRoutines()).hasSize(1);
        deliver(new ContactArchived(h("2026-03-12T12:00:00Z"), "c4", "Sara"));
        assertThat(birthdayRoutines()).isEmpty();
        deliver(updated("c4", "2026-03-12T13:00:00Z", LocalDate.of(1990, 6, 1), "archived"));
        assertThat(birthdayRoutines()).hasSize(1);
    }

    @Test
    void aTwentyNinthOfFebruaryIsCelebratedOnThe29thInLeapYearsAndOnThe28thOnlyInTheOthers() {
        // Announced in 2026 for 2027, a common year: the occurrence is 28 February, the birthday 29 February.
        deliver(birthday("c5", "2027-02-28", "2000-02-29", "2026-03-09T00:00:00Z"));
        JsonNode routine = birthdayRoutines().getFirst();
        assertThat(routine.get("upcoming").valueStream().map(JsonNode::asString))
                .containsExactly("2027-02-28", "2028-02-29", "2029-02-28");
    }

    @Test
    void replayingAMembersEventsTwiceOrOldEventsAfterNewOnesChangesNothing() {
        List<DomainEvent> history = List.of(
                interaction("i-1", "c1", "2026-01-05T10:00:00Z", "p-1"),
                stale("c1", "2026-01-05T10:00:00Z", 1),
                new ContactReengaged(
                        h("2026-02-10T10:00:00Z"), "c1", "Ana", 1, "i-2", Instant.parse("2026-02-10T09:00:00Z")),
                stale("c1", "2026-02-10T09:00:00Z", 2),
                new PromiseKept(h("2026-03-01T10:00:00Z"), "i-1", "p-1", "c1", OwedBy.ME, "send the deck", null, 1),
                new PromiseReopened(h("2026-03-02T10:00:00Z"), "i-1", "p-1", "c1", OwedBy.ME, "send the deck", null, 2),
                birthday("c2", "2026-05-20", "1985-05-20", "2026-03-01T00:00:00Z"),
                updated("c2", "2026-03-03T10:00:00Z", LocalDate.of(1985, 7, 14), "birthday"),
                stale("c2", "2026-01-01T10:00:00Z", 1),
                new ContactArchived(h("2026-03-04T10:00:00Z"), "c2", "Luis"),
                updated("c2", "2026-03-05T10:00:00Z", LocalDate.of(1985, 7, 14), "archived"),
                birthday("c3", "2026-04-01", "1970-04-01", "2026-03-01T00:00:00Z"),
                new ContactArchived(h("2026-03-06T10:00:00Z"), "c3", "Eva"));
        history.forEach(this::deliver);
        List<Document> state = state();
        assertThat(state)
                .as("three reach-outs, a follow-up and a birthday routine")
                .hasSize(5);

        ((MutableClock) clock).set(RemindersIntegrationTest.START.plus(Duration.ofDays(1)));
        history.forEach(this::deliver);
        assertThat(state()).as("replayed from the start").isEqualTo(state);

        List<DomainEvent> newestFirst = new ArrayList<>(history);
        Collections.reverse(newestFirst);
        newestFirst.forEach(this::deliver);
        assertThat(state()).as("old events after the new ones").isEqualTo(state);
    }

    /** The member's reminders (without their outbox, which the relay empties) and routines, as stored. */
    private List<Document> state() {
        List<Document> state = new ArrayList<>();
        Query mine = new Query(Criteria.where("memberId").is(member)).with(Sort.by("_id"));
        mongo.find(mine, Document.class, "reminders").forEach(d -> {
            d.remove("outbox");
            state.add(d);
        });
        state.addAll(mongo.find(mine, Document.class, "routines"));
        return state;
    }

    private void deliver(DomainEvent event) {
        reactions.on(event);
    }

    private ReminderDocument reminder(String id) {
        return mongo.findById(id, ReminderDocument.class);
    }

    private List<JsonNode> birthdayRoutines() {
        return api.get("/api/v1/routines").json().get("items").valueStream().toList();
    }

    private List<JsonNode> congratulations() {
        return api.get("/api/v1/reminders?kind=congratulate")
                .json()
                .get("items")
                .valueStream()
                .toList();
    }

    private EventHeader h(String at) {
        return new EventHeader(UUID.randomUUID().toString(), Instant.parse(at), member, "alumni");
    }

    private InteractionLogged interaction(String id, String contactId, String at, String promiseId) {
        return new InteractionLogged(
                h(at),
                id,
                List.of(new InteractionLogged.Participant(contactId, "Ana")),
                InteractionKind.COFFEE,
                InteractionDirection.OUTBOUND,
                Instant.parse(at),
                "Coffee",
                promiseId == null
                        ? List.of()
                        : List.of(new InteractionLogged.Promise(promiseId, OwedBy.ME, "send the deck", null, false)));
    }

    private ContactGoneStale stale(String contactId, String lastInteractionAt, int episode) {
        Instant last = Instant.parse(lastInteractionAt);
        Instant since = last.plus(Duration.ofDays(90));
        return new ContactGoneStale(
                h(since.toString()),
                contactId,
                "Ana",
                ContactTier.REGULAR,
                last,
                "Coffee",
                90,
                since,
                episode,
                List.of());
    }

    private MilestoneRecorded birthday(String contactId, String occurrence, String birthday, String at) {
        return new MilestoneRecorded(
                h(at),
                contactId + "-birthday-" + occurrence.substring(0, 4),
                contactId,
                "Sara",
                MilestoneKind.BIRTHDAY,
                "Birthday",
                LocalDate.parse(occurrence),
                true,
                LocalDate.parse(birthday));
    }

    private ContactUpdated updated(String contactId, String at, LocalDate birthday, String changed) {
        return new ContactUpdated(
                h(at), contactId, "Sara", ContactTier.REGULAR, List.of(), List.of(), List.of(changed), birthday);
    }
}
