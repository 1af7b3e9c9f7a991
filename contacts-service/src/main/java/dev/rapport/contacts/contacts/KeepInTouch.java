package dev.rapport.contacts.contacts;

import java.time.Duration;
import java.time.Instant;

/** The keep-in-touch clock of one contact: when the next touch is due, given the latest interaction. */
public final class KeepInTouch {

    private KeepInTouch() {}

    /**
     * When the next touch is due: the latest interaction (or, before any, the moment the contact
     * was added) plus the cadence.
     */
    public static Instant nextTouchDueAt(Instant lastInteractionAt, Instant addedAt, int cadenceDays) {
        Instant from = lastInteractionAt != null ? lastInteractionAt : addedAt;
        return from.plus(Duration.ofDays(cadenceDays));
    }

    /**
     * The latest of two interaction times: a backdated interaction older than the latest one never
     * moves the clock backwards.
     */
    public static Instant latest(Instant current, Instant candidate) {
        if (current == null) {
            return candidate;
        }
        return candidate.isAfter(current) ? candidate : current;
    }
}
