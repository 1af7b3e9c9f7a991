package dev.rapport.reminders.reminders;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.rapport.contracts.events.InteractionDirection;
import dev.rapport.contracts.events.InteractionKind;
import dev.rapport.contracts.events.InteractionLogged;
import dev.rapport.contracts.events.OwedBy;
import dev.rapport.reminders.settings.NotificationSettingsService;
import dev.rapport.reminders.settings.domain.MemberPreferences;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The store work one logged interaction costs reminders-service, on the consumer thread of its member. */
class InteractionReactionsTest {

    private static final Instant AT = Instant.parse("2026-03-10T09:00:00Z");

    private final ReminderService reminders = mock(ReminderService.class);
    private final NotificationSettingsService settings = mock(NotificationSettingsService.class);
    private final InteractionReactions reactions = new InteractionReactions(
            reminders,
            mock(ReminderChanges.class),
            mock(ReminderContext.class),
            mock(ContactContexts.class),
            settings,
            Clock.systemUTC());

    @Test
    void anInteractionWithoutAPromiseToFollowUpDoesNotReadTheMembersSettings() {
        reactions.logged(logged(List.of()));
        reactions.logged(logged(List.of(new InteractionLogged.Promise("p-kept", OwedBy.ME, "the deck", null, true))));

        verify(settings, never()).preferences(anyString());
        verify(reminders, never()).create(any(), any());
    }

    @Test
    void theSettingsAreReadOnceForAllThePromisesOfAnInteraction() {
        when(settings.preferences("member-ana"))
                .thenReturn(new MemberPreferences(
                        ZoneId.of("Europe/Madrid"), Locale.forLanguageTag("es"), 3, 2, LocalTime.of(8, 0), null));

        reactions.logged(logged(List.of(
                new InteractionLogged.Promise("p-1", OwedBy.ME, "the deck", LocalDate.parse("2026-03-12"), false),
                new InteractionLogged.Promise("p-2", OwedBy.THEM, "an intro", LocalDate.parse("2026-03-13"), false))));

        verify(settings, times(1)).preferences("member-ana");
        verify(reminders, times(2)).create(any(), any());
    }

    private static InteractionLogged logged(List<InteractionLogged.Promise> promises) {
        return new InteractionLogged(
                "ev-1",
                AT,
                "member-ana",
                "tenant-1",
                "i-1",
                List.of(new InteractionLogged.Participant("c-1", "Ana")),
                InteractionKind.CALL,
                InteractionDirection.OUTBOUND,
                AT,
                "a call",
                promises);
    }
}
