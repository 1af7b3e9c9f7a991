package dev.rapport.reminders.reminders.domain;

/**
 * What a reminder is about, kept as data so that its text is written in the member's current
 * language when it is read. Which fields matter depends on the kind: {@code what} is the promise, the
 * milestone, the group, the channel, the content's title or the member's own title.
 *
 * @param owedBy {@code me} or {@code them} for a promise
 * @param category the milestone's kind (birthday, new-job …)
 * @param target the cadence target of a slipped channel
 * @param published what was published in the slipped period
 */
public record ReminderSubject(
        ReminderKind kind,
        String contactName,
        String what,
        String owedBy,
        String category,
        Integer target,
        Integer published) {

    /** A subject with only a kind, a contact and a {@code what}. */
    public static ReminderSubject of(ReminderKind kind, String contactName, String what) {
        return new ReminderSubject(kind, contactName, what, null, null, null, null);
    }
}
