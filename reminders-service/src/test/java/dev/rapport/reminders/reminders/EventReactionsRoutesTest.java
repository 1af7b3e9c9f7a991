package dev.rapport.reminders.reminders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import dev.rapport.contracts.events.DomainEvent;
import dev.rapport.contracts.events.EventCatalog;
import dev.rapport.reminders.settings.NotificationSettingsService;
import dev.rapport.support.events.EventHandler;
import java.time.Clock;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The event types reminders-service acts on: the inbox skips every other type before any store operation, so a type
 * missing here would be silently dropped, and one too many would cost the store for nothing (an import's 30,000
 * {@code ContactAdded}).
 */
class EventReactionsRoutesTest {

    @Test
    void reactsToInteractionsPromisesContactChangesMilestonesGroupsContentAndMeetingsAndToNothingElse() {
        EventHandler handler = new EventReactions(
                        mock(ReminderService.class),
                        mock(ReminderChanges.class),
                        mock(ReminderContext.class),
                        mock(InteractionReactions.class),
                        mock(ContentReactions.class),
                        mock(MeetingReactions.class),
                        mock(ContactContexts.class),
                        mock(NotificationSettingsService.class),
                        mock(ContactRoutines.class),
                        Clock.systemUTC())
                .handler();

        Set<String> actedOn = new TreeSet<>();
        for (Class<? extends DomainEvent> type : EventCatalog.all().values()) {
            if (handler.actsOn(type)) {
                actedOn.add(type.getSimpleName());
            }
        }

        assertThat(actedOn)
                .containsExactlyInAnyOrder(
                        "InteractionLogged",
                        "InteractionRemoved",
                        "PromiseKept",
                        "PromiseReopened",
                        "ContactUpdated",
                        "ContactGoneStale",
                        "ContactReengaged",
                        "MilestoneRecorded",
                        "GroupGoneQuiet",
                        "ContentCadenceSlipped",
                        "ContentShareSuggested",
                        "ContentPublished",
                        "ContactArchived",
                        "MeetingScheduled",
                        "MeetingCancelled");
    }
}
