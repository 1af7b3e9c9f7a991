package dev.rapport.reminders.reminders;

import java.time.Instant;
import java.time.LocalDate;

/** A reminder as the API shows it. */
public record ReminderView(
        String id,
        String kind,
        String status,
        String title,
        String detail,
        String contactId,
        String contactName,
        LocalDate dueOn,
        Instant createdAt) {

    static ReminderView of(ReminderDocument r) {
        return new ReminderView(
                r.getId(), r.kind, r.status, r.title, r.detail, r.contactId, r.contactName, r.dueOn, r.createdAt);
    }
}
