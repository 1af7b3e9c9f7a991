package dev.rapport.reminders.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.contracts.events.EventHeader;
import dev.rapport.contracts.events.InteractionDirection;
import dev.rapport.contracts.events.InteractionKind;
import dev.rapport.contracts.events.InteractionLogged;
import dev.rapport.contracts.events.InteractionRemoved;
import dev.rapport.contracts.events.OwedBy;
import dev.rapport.contracts.events.PromiseKept;
import dev.rapport.reminders.reminders.domain.ReminderIds;
import dev.rapport.reminders.support.MutableClock;
import dev.rapport.reminders.support.RemindersIntegrationTest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * An interaction removed in contacts-service (InteractionRemoved: a captured meeting cancelled or moved, its source
 * deleted) takes its open follow-ups with it, leaves a kept one done, and puts the contact's last interaction back
 * to what remains; a replayed or late removal changes nothing more.
 */
@RemindersIntegrationTest
class RemovedInteractionsIT {

    private static final Instant CALL = Instant.parse("2026-02-01T10:00:00Z");
    private static final Instant COFFEE = Instant.parse("2026-03-01T10:00:00Z");

    @Autowired
    Clock clock;

    @Autowired
    EventReactions reactions;

    @Autowired
    ContactContexts contexts;

    @Autowired
    MongoTemplate mongo;

    String member;

    @BeforeEach
    void member() {
        ((MutableClock) clock).set(RemindersIntegrationTest.START);
        member = "member-" + UUID.randomUUID();
    }

    private EventHeader h() {
        return new EventHeader(UUID.randomUUID().toString(), clock.instant(), member, "alumni");
    }

    private InteractionLogged logged(String id, Instant at, String summary, List<InteractionLogged.Promise> promises) {
        return new InteractionLogged(
                h(),
                id,
                List.of(new InteractionLogged.Participant("c1", "Ana Gómez")),
                InteractionKind.MEETING,
                InteractionDirection.MUTUAL,
                at,
                summary,
                promises);
    }

    private InteractionRemoved coffeeRemoved() {
        return new InteractionRemoved(
                h(), "i-coffee", "c1", InteractionKind.MEETING, COFFEE, List.of("p-1", "p-2"), CALL, "Call");
    }

    private ReminderDocument followUp(String promiseId) {
        return mongo.findById(ReminderIds.of(member, "follow-up", promiseId), ReminderDocument.class);
    }

    @Test
    void removingAnInteractionDismissesItsOpenFollowUpsKeepsTheKeptOneAndPutsTheLastInteractionBack() {
        reactions.on(logged("i-call", CALL, "Call", List.of()));
        reactions.on(logged(
                "i-coffee",
                COFFEE,
                "Coffee",
                List.of(
                        new InteractionLogged.Promise(
                                "p-1", OwedBy.ME, "send the SLO article", LocalDate.parse("2026-03-20"), false),
                        new InteractionLogged.Promise(
                                "p-2", OwedBy.THEM, "intro to Bea", LocalDate.parse("2026-03-20"), false))));
        reactions.on(new PromiseKept(
                h(), "i-coffee", "p-2", "c1", OwedBy.THEM, "intro to Bea", LocalDate.parse("2026-03-20"), 1));
        assertThat(contexts.of(member, "c1").lastInteractionAt).isEqualTo(COFFEE);

        reactions.on(coffeeRemoved());

        assertThat(followUp("p-1").status.id()).isEqualTo("dismissed");
        assertThat(followUp("p-1").closedBy).isEqualTo("interaction-removed");
        assertThat(followUp("p-2").status.id()).as("kept before the removal").isEqualTo("done");
        assertThat(followUp("p-2").closedBy).isEqualTo("promise-kept");
        ContactContextDocument context = contexts.of(member, "c1");
        assertThat(context.lastInteractionAt).isEqualTo(CALL);
        assertThat(context.lastInteractionSummary).isEqualTo("Call");
    }

    @Test
    void aRemovalDeliveredAfterANewerInteractionLeavesThatOneTheLast() {
        reactions.on(logged("i-coffee", COFFEE, "Coffee", List.of()));
        Instant lunch = Instant.parse("2026-03-05T12:00:00Z");
        reactions.on(logged("i-lunch", lunch, "Lunch", List.of()));

        reactions.on(coffeeRemoved());
        reactions.on(coffeeRemoved());

        assertThat(contexts.of(member, "c1").lastInteractionAt).isEqualTo(lunch);
        assertThat(contexts.of(member, "c1").lastInteractionSummary).isEqualTo("Lunch");
    }
}
