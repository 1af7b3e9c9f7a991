package dev.rapport.contacts.directory.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * How long to wait before asking the directory again: exponentially longer after each failure, up
 * to a ceiling, and exactly what a 429's {@code Retry-After} says (seconds or an HTTP date).
 */
public final class Backoff {

    private Backoff() {}

    /** The wait before attempt {@code attempt + 1}: initial, 2×initial, 4×initial … at most {@code max}. */
    public static Duration after(int attempt, Duration initial, Duration max) {
        int doublings = Math.min(Math.max(attempt - 1, 0), 30);
        Duration wait = initial.multipliedBy(1L << doublings);
        return wait.compareTo(max) > 0 ? max : wait;
    }

    /** The wait a {@code Retry-After} header asks for at {@code now}; empty when absent or unreadable. */
    public static Optional<Duration> retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.strip();
        if (value.matches("\\d+")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
            Duration wait = Duration.between(now, at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
