package dev.rapport.contacts.capture.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.contacts.capture.domain.CalendarFeed.Meeting;
import dev.rapport.contacts.capture.domain.MeetingCapture.Contact;
import dev.rapport.contacts.capture.domain.MeetingCapture.Plan;
import dev.rapport.contacts.capture.domain.MeetingCapture.Resolved;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What one calendar sync logs, removes, announces and withdraws, with a fixed clock. */
class MeetingCaptureTest {

    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    static final MeetingCapture.Window WINDOW =
            new MeetingCapture.Window(Duration.ofDays(90), Duration.ofDays(14), Duration.ofDays(30));
    static final Contact ANA = new Contact("c-ana", "Ana");
    static final Contact JOSE = new Contact("c-jose", "José");

    static Resolved meeting(String key, String start, int minutes, boolean cancelled, Contact... contacts) {
        Instant begins = Instant.parse(start);
        return new Resolved(
                new Meeting(
                        key,
                        key.split("\\|")[0],
                        begins,
                        begins.plus(Duration.ofMinutes(minutes)),
                        "Coffee",
                        Set.of(),
                        cancelled),
                List.of(contacts));
    }

    @Test
    void aPastMeetingIsLoggedAtItsEndOncePerContactAndAMeetingAheadIsAnnounced() {
        Plan plan = MeetingCapture.plan(
                List.of(
                        meeting("u1", "2026-11-20T09:00:00Z", 60, false, ANA, JOSE),
                        meeting("u2", "2026-12-03T09:00:00Z", 30, false, ANA),
                        meeting("u3", "2026-11-21T09:00:00Z", 30, false),
                        meeting("u4", "2026-12-30T09:00:00Z", 30, false, ANA)),
                Set.of("u1", "u2", "u3", "u4"),
                true,
                List.of(),
                List.of(),
                NOW,
                WINDOW);

        assertThat(plan.logs())
                .extracting(l -> l.contact().id() + " " + l.at())
                .containsExactly("c-ana 2026-11-20T10:00:00Z", "c-jose 2026-11-20T10:00:00Z");
        assertThat(plan.scheduled())
                .as("beyond the horizon is not announced yet")
                .extracting(MeetingCapture.Upcoming::key)
                .containsExactly("u2");
        assertThat(plan.captured()).hasSize(1);
    }

    @Test
    void aCancelledOrMovedOccurrenceLosesItsInteractionAndAnAnnouncedOneIsWithdrawnOrMoved() {
        Plan first = MeetingCapture.plan(
                List.of(
                        meeting("u1", "2026-11-20T09:00:00Z", 60, false, ANA),
                        meeting("u2|2026-11-23T09:00:00Z", "2026-11-23T09:00:00Z", 60, false, ANA),
                        meeting("u5", "2026-12-03T09:00:00Z", 30, false, ANA),
                        meeting("u6", "2026-12-04T09:00:00Z", 30, false, JOSE)),
                Set.of("u1", "u2", "u5", "u6"),
                true,
                List.of(),
                List.of(),
                NOW,
                WINDOW);

        Plan second = MeetingCapture.plan(
                List.of(
                        meeting("u1", "2026-11-20T09:00:00Z", 60, true, ANA),
                        meeting("u2|2026-11-23T09:00:00Z", "2026-11-24T15:00:00Z", 60, false, ANA),
                        meeting("u5", "2026-12-05T09:00:00Z", 30, false, ANA)),
                Set.of("u1", "u2", "u5"),
                true,
                first.captured(),
                first.upcoming(),
                NOW,
                WINDOW);

        assertThat(second.removes())
                .extracting(MeetingCapture.Remove::occurrence)
                .containsExactlyInAnyOrder("u1@2026-11-20T09:00:00Z", "u2|2026-11-23T09:00:00Z@2026-11-23T09:00:00Z");
        assertThat(second.logs())
                .extracting(MeetingCapture.Log::at)
                .containsExactly(Instant.parse("2026-11-24T16:00:00Z"));
        assertThat(second.scheduled())
                .extracting(u -> u.key() + " " + u.start())
                .containsExactly("u5 2026-12-05T09:00:00Z");
        assertThat(second.scheduled().getFirst().meetingId())
                .isEqualTo(first.upcoming().getFirst().meetingId());
        assertThat(second.withdrawn()).extracting(MeetingCapture.Upcoming::key).containsExactly("u6");
    }

    @Test
    void anOldMeetingGoneFromAFeedThatTrimsItsPastKeepsItsInteraction() {
        Plan first = MeetingCapture.plan(
                List.of(meeting("old", "2026-10-01T09:00:00Z", 60, false, ANA)),
                Set.of("old"),
                true,
                List.of(),
                List.of(),
                NOW,
                WINDOW);

        Plan later = MeetingCapture.plan(List.of(), Set.of(), true, first.captured(), List.of(), NOW, WINDOW);

        assertThat(later.removes()).isEmpty();
        assertThat(later.captured()).hasSize(1);
    }

    @Test
    void whenTheFeedDidNotChangeAnAnnouncedMeetingThatHasEndedIsLoggedAndNothingIsRemoved() {
        Plan before = MeetingCapture.plan(
                List.of(meeting("u7", "2026-12-01T13:00:00Z", 30, false, ANA)),
                Set.of("u7"),
                true,
                List.of(),
                List.of(),
                NOW,
                WINDOW);
        assertThat(before.logs()).isEmpty();

        Instant later = Instant.parse("2026-12-01T14:00:00Z");
        Plan notModified =
                MeetingCapture.plan(List.of(), Set.of(), false, before.captured(), before.upcoming(), later, WINDOW);

        assertThat(notModified.logs())
                .extracting(l -> l.occurrence() + " " + l.at())
                .containsExactly("u7@2026-12-01T13:00:00Z 2026-12-01T13:30:00Z");
        assertThat(notModified.removes()).isEmpty();
        assertThat(notModified.withdrawn()).isEmpty();
        assertThat(notModified.upcoming()).isEmpty();
    }
}
