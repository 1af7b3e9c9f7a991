package dev.rapport.reminders.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.contracts.events.EventHeader;
import dev.rapport.contracts.events.InteractionDirection;
import dev.rapport.contracts.events.InteractionKind;
import dev.rapport.contracts.events.InteractionLogged;
import dev.rapport.contracts.events.MeetingCancelled;
import dev.rapport.contracts.events.MeetingScheduled;
import dev.rapport.contracts.events.OwedBy;
import dev.rapport.reminders.reminders.domain.ReminderIds;
import dev.rapport.reminders.support.MutableClock;
import dev.rapport.reminders.support.RemindersIntegrationTest;
import dev.rapport.testkit.ApiClient;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Meetings ahead found in a member's calendar (MeetingScheduled, MeetingCancelled from contacts-service) become
 * one prepare reminder per contact the day before, with the contact's open promises; moving the meeting moves it,
 * cancelling it dismisses it, and a second delivery changes nothing.
 */
@RemindersIntegrationTest
class PrepareRemindersIT {

    @LocalServerPort
    int port;

    @Autowired
    Clock clock;

    @Autowired
    EventReactions reactions;

    @Autowired
    MongoTemplate mongo;

    String member;
    ApiClient api;

    @BeforeEach
    void member() {
        ((MutableClock) clock).set(RemindersIntegrationTest.START);
        member = "member-" + UUID.randomUUID();
        api = ApiClient.asMember(port, member);
    }

    private EventHeader h() {
        return new EventHeader(UUID.randomUUID().toString(), clock.instant(), member, "alumni");
    }

    private MeetingScheduled scheduled(String startsAt, String title) {
        Instant start = Instant.parse(startsAt);
        return new MeetingScheduled(
                h(),
                "m-1",
                "cal-1",
                title,
                start,
                start.plusSeconds(1800),
                List.of(new MeetingScheduled.Participant("c1", "Ana Gómez")));
    }

    private ReminderDocument prepare() {
        return mongo.findById(ReminderIds.of(member, "prepare", "m-1", "c1"), ReminderDocument.class);
    }

    @Test
    void aMeetingAheadIsPreparedTheDayBeforeWithTheContactsOpenPromisesAndADuplicateChangesNothing() {
        reactions.on(new InteractionLogged(
                h(),
                "i-1",
                List.of(new InteractionLogged.Participant("c1", "Ana Gómez")),
                InteractionKind.COFFEE,
                InteractionDirection.OUTBOUND,
                Instant.parse("2026-03-01T10:00:00Z"),
                "Coffee",
                List.of(new InteractionLogged.Promise(
                        "p-1", OwedBy.ME, "send her the SLO article", LocalDate.parse("2026-03-20"), false))));
        MeetingScheduled event = scheduled("2026-03-14T09:00:00Z", "Coffee with Ana");

        reactions.on(event);
        reactions.on(event);

        ReminderDocument reminder = prepare();
        assertThat(reminder.kind.id()).isEqualTo("prepare");
        assertThat(reminder.status.id()).isEqualTo("open");
        assertThat(reminder.dueOn).isEqualTo(LocalDate.parse("2026-03-13"));
        assertThat(reminder.openPromises).extracting(p -> p.what()).containsExactly("send her the SLO article");
        JsonNode listed = api.get("/api/v1/reminders?kind=prepare").json().get("items");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("title").asString()).isEqualTo("Tomorrow: “Coffee with Ana” with Ana Gómez");
        assertThat(listed.get(0).toString()).contains("send her the SLO article");
    }

    @Test
    void aMovedMeetingMovesItsReminderAndACancelledOneDismissesIt() {
        reactions.on(scheduled("2026-03-14T09:00:00Z", "Coffee with Ana"));

        reactions.on(scheduled("2026-03-18T16:00:00Z", "Coffee with Ana (moved)"));

        assertThat(prepare().dueOn).isEqualTo(LocalDate.parse("2026-03-17"));
        assertThat(prepare().what).isEqualTo("Coffee with Ana (moved)");

        reactions.on(new MeetingCancelled(h(), "m-1", "cal-1", List.of("c1")));

        assertThat(prepare().status.id()).isEqualTo("dismissed");
        assertThat(prepare().closedBy).isEqualTo("meeting-cancelled");
    }

    @Test
    void aMeetingTomorrowIsDueTodayAndOneAlreadyUnderWayGetsNoReminder() {
        reactions.on(scheduled("2026-03-10T15:00:00Z", "Lunch"));
        assertThat(prepare().dueOn).as("the day before has passed").isEqualTo(LocalDate.parse("2026-03-10"));
        assertThat(api.get("/api/v1/reminders?kind=prepare")
                        .json()
                        .get("items")
                        .get(0)
                        .get("title")
                        .asString())
                .isEqualTo("Today: “Lunch” with Ana Gómez");

        String late = "member-" + UUID.randomUUID();
        reactions.on(new MeetingScheduled(
                new EventHeader(UUID.randomUUID().toString(), clock.instant(), late, "alumni"),
                "m-2",
                "cal-1",
                "Breakfast",
                Instant.parse("2026-03-10T05:00:00Z"),
                Instant.parse("2026-03-10T07:00:00Z"),
                List.of(new MeetingScheduled.Participant("c1", "Ana Gómez"))));
        assertThat(mongo.findById(ReminderIds.of(late, "prepare", "m-2", "c1"), ReminderDocument.class))
                .isNull();
    }
}
