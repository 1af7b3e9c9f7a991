package dev.rapport.reminders.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.reminders.reminders.domain.ReminderKind;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Every kind of reminder can be published: its reminders' events carry it as a value of the contracts' closed
 * vocabulary, so a kind added here must be added to {@code dev.rapport.contracts.events.ReminderKind} too.
 */
class ReminderKindOnTheWireTest {

    @Test
    void everyReminderKindIsAReminderKindOfTheContractsWithTheSameName() {
        assertThat(Arrays.stream(ReminderKind.values()).map(ReminderKind::id))
                .containsExactlyElementsOf(Arrays.stream(dev.rapport.contracts.events.ReminderKind.values())
                        .map(dev.rapport.contracts.events.ReminderKind::wire)
                        .toList());
    }
}
