package dev.rapport.contacts.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A contact starts its own staleness episodes: only when its cadence lapsed, once per episode, with its event. */
class ContactStalenessEpisodeTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    @Test
    void aLapsedContactStartsTheNextEpisodeSinceItWasDueWithItsEventAndOnlyOnce() {
        Instant due = NOW.minus(Duration.ofDays(3));
        ContactDocument contact = contact(due);
        contact.episode = 2;

        assertThat(contact.startStaleness(NOW)).isTrue();
        assertThat(contact.stale).isTrue();
        assertThat(contact.staleSince).isEqualTo(due);
        assertThat(contact.episode).isEqualTo(3);
        assertThat(contact.hasRecordedEvents()).isTrue();

        ContactDocument again = contact(due);
        again.stale = true;
        again.episode = 3;
        assertThat(again.startStaleness(NOW.plus(Duration.ofDays(1)))).isFalse();
        assertThat(again.episode).isEqualTo(3);
        assertThat(again.hasRecordedEvents()).isFalse();
    }

    @Test
    void aContactDueExactlyNowOrArchivedStartsNoEpisodeAndRecordsNothing() {
        ContactDocument dueNow = contact(NOW);
        ContactDocument archived = contact(NOW.minus(Duration.ofDays(3)));
        archived.archived = true;

        for (ContactDocument contact : new ContactDocument[] {dueNow, archived}) {
            assertThat(contact.startStaleness(NOW)).isFalse();
            assertThat(contact.stale).isFalse();
            assertThat(contact.staleSince).isNull();
            assertThat(contact.episode).isZero();
            assertThat(contact.hasRecordedEvents()).isFalse();
        }
    }

    private static ContactDocument contact(Instant due) {
        ContactDocument contact = ContactFixtures.contact(NOW);
        contact.nextTouchDueAt = due;
        return contact;
    }
}
