package dev.rapport.contacts.domain;

import java.time.Duration;
import java.time.Instant;

/** The keep-in-touch clock of one contact: when the next touch is due, and what an interaction does to it. */
public final class KeepInTouch {

    /** How far ahead a due touch counts as "due soon". */
    public static final Duration DUE_SOON = Duration.ofDays(7);

    private KeepInTouch() {}

    /** Where a contact's clock stands: overdue, due within {@link #DUE_SOON}, or fine. */
    public enum Status {
        STALE,
        DUE_SOON,
        OK;

        /** The status as the API names it. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

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

    /** The status of a clock at {@code now}. */
    public static Status status(Instant nextTouchDueAt, Instant now) {
        if (nextTouchDueAt.isBefore(now)) {
            return Status.STALE;
        }
        return nextTouchDueAt.isBefore(now.plus(DUE_SOON)) ? Status.DUE_SOON : Status.OK;
    }

    /**
     * Whether the sweep starts a new staleness episode: the cadence lapsed, the contact is not
     * already in an episode, and it is not archived.
     */
    public static boolean lapsed(Instant nextTouchDueAt, boolean stale, boolean archived, Instant now) {
        return !stale && !archived && nextTouchDueAt.isBefore(now);
    }

    /**
     * What an interaction does to a clock.
     *
     * @param lastInteractionAt the latest interaction after this one
     * @param nextTouchDueAt when the next touch is due after this one
     * @param moved whether the interaction moved the clock (false for one older than the latest)
     * @param reengaged whether it ends a staleness episode: the contact was stale and is no longer overdue
     */
    public record Touch(Instant lastInteractionAt, Instant nextTouchDueAt, boolean moved, boolean reengaged) {}

    /**
     * Applies an interaction at {@code interactionAt} to a clock. Applying the same interaction twice
     * changes nothing the second time, so a retried or repeated update is harmless.
     */
    public static Touch touch(
            Instant lastInteractionAt,
            Instant addedAt,
            int cadenceDays,
            boolean stale,
            Instant interactionAt,
            Instant now) {
        Instant latest = latest(lastInteractionAt, interactionAt);
        boolean moved = !latest.equals(lastInteractionAt);
        Instant due = nextTouchDueAt(latest, addedAt, cadenceDays);
        return new Touch(latest, due, moved, stale && moved && !due.isBefore(now));
    }
}
