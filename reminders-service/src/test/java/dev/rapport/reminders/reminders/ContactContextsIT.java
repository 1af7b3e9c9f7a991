package dev.rapport.reminders.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.reminders.support.RemindersIntegrationTest;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What interactions, in any order, leave in what is known of a contact (the context of their reminders). */
@RemindersIntegrationTest
class ContactContextsIT {

    @Autowired
    ContactContexts contexts;

    @Test
    void theLastInteractionIsTheLatestWhateverTheOrderButEveryInteractionNamesAndTouchesTheContact() {
        String member = "member-" + UUID.randomUUID();
        Instant lunch = Instant.parse("2026-02-10T10:00:00Z");
        Instant call = Instant.parse("2026-02-01T10:00:00Z");
        Instant dinner = Instant.parse("2026-02-20T20:00:00Z");

        ContactContextDocument first = contexts.interaction(member, "c1", "Ana", lunch, "Lunch", false);
        assertThat(first.lastInteractionAt).isEqualTo(lunch);
        assertThat(first.lastInteractionSummary).isEqualTo("Lunch");
        assertThat(first.lastTouchAt).isNull();
        assertThat(first.memberId).isEqualTo(member);
        assertThat(first.contactId).isEqualTo("c1");

        // An older interaction, logged late: the name and the touch apply, the last interaction stays.
        ContactContextDocument late = contexts.interaction(member, "c1", "Ana Pérez", call, "Old call", true);
        assertThat(late.lastInteractionAt).isEqualTo(lunch);
        assertThat(late.lastInteractionSummary).isEqualTo("Lunch");
        assertThat(late.displayName).isEqualTo("Ana Pérez");
        assertThat(late.lastTouchAt).isEqualTo(call);

        // One at the same time as the last: not newer, so the summary stays.
        assertThat(contexts.interaction(member, "c1", null, lunch, "Same time", false).lastInteractionSummary)
                .isEqualTo("Lunch");

        ContactContextDocument newer = contexts.interaction(member, "c1", null, dinner, "Dinner", true);
        assertThat(newer.lastInteractionAt).isEqualTo(dinner);
        assertThat(newer.lastInteractionSummary).isEqualTo("Dinner");
        assertThat(newer.displayName).isEqualTo("Ana Pérez");
        assertThat(newer.lastTouchAt).isEqualTo(dinner);
        assertThat(contexts.of(member, "c1").lastInteractionSummary).isEqualTo("Dinner");

        // Without a time, only the name.
        assertThat(contexts.interaction(member, "c2", "Luis", null, "Undated", true))
                .satisfies(c -> {
                    assertThat(c.displayName).isEqualTo("Luis");
                    assertThat(c.lastInteractionAt).isNull();
                    assertThat(c.lastTouchAt).isNull();
                });
    }
}
