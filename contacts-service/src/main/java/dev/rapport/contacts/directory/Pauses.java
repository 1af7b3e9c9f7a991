package dev.rapport.contacts.directory;

import java.time.Duration;

/** Waits between attempts; a bean, so that tests can see the waits instead of sitting through them. */
@FunctionalInterface
public interface Pauses {

    void pause(Duration duration) throws InterruptedException;

    /** Waits for real. */
    static Pauses sleeping() {
        return duration -> Thread.sleep(duration);
    }
}
