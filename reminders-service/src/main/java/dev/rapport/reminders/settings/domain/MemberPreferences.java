package dev.rapport.reminders.settings.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;

/**
 * How a member wants to be reminded: their time zone and language, how many reminders a day at most,
 * how long to leave a person alone after an outbound touch, when the daily digest goes out and the
 * quiet hours when nothing is sent.
 *
 * @param quietHours null when the member has none
 */
public record MemberPreferences(
        ZoneId zone, Locale locale, int dailyCap, int minGapDays, LocalTime digestTime, QuietHours quietHours) {

    /** Start small: five reminders a day, two weeks between touches, the digest at eight. */
    public static final int DEFAULT_DAILY_CAP = 5;

    public static final int DEFAULT_MIN_GAP_DAYS = 14;
    public static final LocalTime DEFAULT_DIGEST_TIME = LocalTime.of(8, 0);

    /** The defaults, in a zone and language. */
    public static MemberPreferences defaults(ZoneId zone, Locale locale) {
        return new MemberPreferences(zone, locale, DEFAULT_DAILY_CAP, DEFAULT_MIN_GAP_DAYS, DEFAULT_DIGEST_TIME, null);
    }

    /** The member's calendar day at {@code now}. */
    public LocalDate today(Instant now) {
        return now.atZone(zone).toLocalDate();
    }

    /** The member's calendar day of {@code instant}, or null. */
    public LocalDate dayOf(Instant instant) {
        return instant == null ? null : instant.atZone(zone).toLocalDate();
    }

    /**
     * The first moment strictly after {@code after} when the daily digest is due: the digest time of that
     * day or the next, moved to the end of the quiet hours when it falls in them.
     */
    public Instant nextDigestAfter(Instant after) {
        ZonedDateTime local = after.atZone(zone);
        for (int days = 0; days <= 2; days++) {
            ZonedDateTime candidate = allowed(
                    local.toLocalDate().plusDays(days).atTime(digestTime).atZone(zone));
            if (candidate.toInstant().isAfter(after)) {
                return candidate.toInstant();
            }
        }
        throw new IllegalStateException("no digest time within two days of " + after);
    }

    /** {@code moment}, or the end of the quiet hours it falls in. */
    public Instant allowed(Instant moment) {
        return allowed(moment.atZone(zone)).toInstant();
    }

    private ZonedDateTime allowed(ZonedDateTime moment) {
        return quietHours == null ? moment : quietHours.nextAllowed(moment);
    }
}
