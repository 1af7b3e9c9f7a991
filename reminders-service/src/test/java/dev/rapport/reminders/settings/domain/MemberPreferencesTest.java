package dev.rapport.reminders.settings.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class MemberPreferencesTest {

    static final ZoneId MADRID = ZoneId.of("Europe/Madrid");

    static MemberPreferences madrid(LocalTime digestTime, QuietHours quiet) {
        return new MemberPreferences(MADRID, Locale.forLanguageTag("es"), 5, 14, digestTime, quiet);
    }

    @Test
    void todayIsTheMembersDayNotUtcs() {
        var member = madrid(LocalTime.of(8, 0), null);
        assertThat(member.today(Instant.parse("2026-03-10T23:30:00Z"))).isEqualTo(LocalDate.of(2026, 3, 11));
        assertThat(MemberPreferences.defaults(ZoneId.of("UTC"), Locale.ENGLISH)
                        .today(Instant.parse("2026-03-10T23:30:00Z")))
                .isEqualTo(LocalDate.of(2026, 3, 10));
    }

    @Test
    void theNextDigestIsAtTheMembersLocalDigestTime() {
        var member = madrid(LocalTime.of(8, 0), null);
        // 06:00 UTC is 07:00 in Madrid in winter: the digest is due the same morning at 08:00 local.
        assertThat(member.nextDigestAfter(Instant.parse("2026-03-10T06:00:00Z")))
                .isEqualTo(Instant.parse("2026-03-10T07:00:00Z"));
        assertThat(member.nextDigestAfter(Instant.parse("2026-03-10T07:00:00Z")))
                .isEqualTo(Instant.parse("2026-03-11T07:00:00Z"));
    }

    @Test
    void theDigestTimeFollowsDaylightSavingTime() {
        var member = madrid(LocalTime.of(8, 0), null);
        // Summer time starts on 29 March 2026: 08:00 in Madrid is 06:00 UTC from then on.
        assertThat(member.nextDigestAfter(Instant.parse("2026-03-29T05:00:00Z")))
                .isEqualTo(Instant.parse("2026-03-29T06:00:00Z"));
    }

    @Test
    void aDigestTimeInsideQuietHoursMovesToTheirEnd() {
        var member = madrid(LocalTime.of(6, 30), new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 30)));
        assertThat(member.nextDigestAfter(Instant.parse("2026-03-10T00:00:00Z")))
                .isEqualTo(Instant.parse("2026-03-10T06:30:00Z"));
    }

    @Test
    void quietHoursMaySpanMidnight() {
        var quiet = new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0));
        assertThat(quiet.contains(LocalTime.of(23, 0))).isTrue();
        assertThat(quiet.contains(LocalTime.of(6, 59))).isTrue();
        assertThat(quiet.contains(LocalTime.of(7, 0))).isFalse();
        assertThat(quiet.contains(LocalTime.of(12, 0))).isFalse();
        var late = madrid(LocalTime.of(8, 0), quiet);
        // A retry at 23:00 local waits until 07:00 the next morning.
        assertThat(late.allowed(Instant.parse("2026-03-10T22:00:00Z")))
                .isEqualTo(Instant.parse("2026-03-11T06:00:00Z"));
    }

    @Test
    void quietHoursWithinTheDayAndEmptyOnes() {
        var lunch = new QuietHours(LocalTime.of(13, 0), LocalTime.of(15, 0));
        assertThat(lunch.contains(LocalTime.of(14, 0))).isTrue();
        assertThat(lunch.contains(LocalTime.of(15, 0))).isFalse();
        assertThat(new QuietHours(LocalTime.NOON, LocalTime.NOON).contains(LocalTime.NOON))
                .isFalse();
    }
}
