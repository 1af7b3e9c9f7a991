package dev.rapport.reminders.reminders.domain;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Derives a reminder's id from the member and its cause (a promise, a staleness episode, a routine
 * occurrence …): the same cause always gives the same id, so a replayed event cannot create a
 * second reminder, and the member in the id keeps two members' equal causes apart.
 */
public final class ReminderIds {

    private ReminderIds() {}

    /** The id of the reminder that {@code cause} gives {@code memberId}. */
    public static String of(String memberId, String... cause) {
        String key = memberId + "|" + String.join("|", cause);
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
