package dev.rapport.contacts.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** A contact announces its own birthday when the announcement is due, with its event, and schedules the next one. */
class BirthdayAnnouncementTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    @Test
    void aDueBirthdayIsAnnouncedOnceWithItsEventAndTheNextYearsIsScheduled() {
        ContactDocument contact = contact(LocalDate.of(1990, 12, 7));
        contact.nextBirthdayNoticeAt = NOW.minus(Duration.ofHours(1)); // seven days ahead of December 7

        assertThat(contact.announceBirthday(NOW, 7, "Birthday")).isTrue();

        assertThat(contact.hasRecordedEvents()).isTrue();
        assertThat(contact.nextBirthdayNoticeAt).isAfter(NOW.plus(Duration.ofDays(300)));
        assertThat(contact.announceBirthday(NOW, 7, "Birthday")).isFalse(); // the next one is not due yet
    }

    @Test
    void nothingIsAnnouncedBeforeItIsDueForAnArchivedContactOrWithoutABirthday() {
        ContactDocument notYet = contact(LocalDate.of(1990, 12, 7));
        notYet.nextBirthdayNoticeAt = NOW.plus(Duration.ofMinutes(1));
        ContactDocument archived = contact(LocalDate.of(1990, 12, 7));
        archived.nextBirthdayNoticeAt = NOW.minus(Duration.ofHours(1));
        archived.archived = true;
        ContactDocument none = contact(null);

        for (ContactDocument contact : new ContactDocument[] {notYet, archived, none}) {
            Instant scheduled = contact.nextBirthdayNoticeAt;
            assertThat(contact.announceBirthday(NOW, 7, "Birthday")).isFalse();
            assertThat(contact.hasRecordedEvents()).isFalse();
            assertThat(contact.nextBirthdayNoticeAt).isEqualTo(scheduled);
        }
    }

    private static ContactDocument contact(LocalDate birthday) {
        ContactDocument contact = ContactFixtures.contact(NOW);
        contact.birthday = birthday;
        return contact;
    }
}
