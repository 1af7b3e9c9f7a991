package dev.rapport.reminders.reminders.domain;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Optional;

/**
 * Where a reminder is in its life: open, snoozed until a date, done or dismissed. Done and dismissed
 * are final; repeating the same final step is harmless (a retried request), the other one conflicts.
 */
public enum ReminderStatus {
    OPEN("open"),
    SNOOZED("snoozed"),
    DONE("done"),
    DISMISSED("dismissed");

    private final String id;

    ReminderStatus(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The status named {@code id}, if there is one. */
    public static Optional<ReminderStatus> of(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
    }

    /** Open or snoozed: the member may still act on it. */
    public boolean active() {
        return this == OPEN || this == SNOOZED;
    }

    /** The status after completing; empty when it already is done (nothing to change). */
    public Optional<ReminderStatus> complete() {
        return finish(DONE, DISMISSED);
    }

    /** The status after dismissing; empty when it already is dismissed (nothing to change). */
    public Optional<ReminderStatus> dismiss() {
        return finish(DISMISSED, DONE);
    }

    /** Checks that a reminder in this status may be snoozed until {@code until}, seen on {@code today}. */
    public void checkSnooze(LocalDate until, LocalDate today) {
        if (!active()) {
            throw new TransitionRefused("a " + id + " reminder cannot be snoozed");
        }
        if (!until.isAfter(today)) {
            throw new IllegalArgumentException("must be after today (" + today + ")");
        }
    }

    private Optional<ReminderStatus> finish(ReminderStatus target, ReminderStatus conflicting) {
        if (this == target) {
            return Optional.empty();
        }
        if (this == conflicting) {
            throw new TransitionRefused("the reminder is already " + conflicting.id);
        }
        return Optional.of(target);
    }

    /** A step the reminder's status does not allow. */
    public static final class TransitionRefused extends RuntimeException {
        public TransitionRefused(String message) {
            super(message);
        }
    }
}
