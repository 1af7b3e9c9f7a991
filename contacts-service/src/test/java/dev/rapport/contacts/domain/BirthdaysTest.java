package dev.rapport.contacts.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class BirthdaysTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-10T08:00:00Z"), ZoneOffset.UTC);
    private static final LocalDate TODAY = LocalDate.now(CLOCK);

    @Test
    void theNextBirthdayIsThisYearsUntilItHasPassedThenNextYears() {
        assertThat(Birthdays.nextOccurrence(LocalDate.of(1985, 6, 20), TODAY)).isEqualTo(LocalDate.of(2026, 6, 20));
        assertThat(Birthdays.nextOccurrence(LocalDate.of(1985, 6, 10), TODAY)).isEqualTo(TODAY);
        assertThat(Birthdays.nextOccurrence(LocalDate.of(1985, 3, 1), TODAY)).isEqualTo(LocalDate.of(2027, 3, 1));
    }

    @Test
    void someoneBornOnLeapDayCelebratesOnTheTwentyEighthInOtherYears() {
        LocalDate leap = LocalDate.of(1992, 2, 29);
        assertThat(Birthdays.nextOccurrence(leap, TODAY)).isEqualTo(LocalDate.of(2027, 2, 28));
        assertThat(Birthdays.nextOccurrence(leap, LocalDate.of(2028, 1, 1))).isEqualTo(LocalDate.of(2028, 2, 29));
    }

    @Test
    void aBirthdayIsAnnouncedLeadDaysAheadAndThenEveryYear() {
        LocalDate birthday = LocalDate.of(1985, 6, 20);
        Birthdays.Notice notice = Birthdays.next(birthday, TODAY, 7);
        assertThat(notice.occurrence()).isEqualTo(LocalDate.of(2026, 6, 20));
        assertThat(notice.announceAt()).isEqualTo(Instant.parse("2026-06-13T00:00:00Z"));

        Birthdays.Notice following = Birthdays.after(birthday, notice.occurrence(), 7);
        assertThat(following.occurrence()).isEqualTo(LocalDate.of(2027, 6, 20));
        assertThat(following.announceAt()).isEqualTo(Instant.parse("2027-06-13T00:00:00Z"));
    }
}
