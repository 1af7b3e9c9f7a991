package dev.rapport.reminders.reminders;

import dev.rapport.support.events.OutboxDocument;
import java.time.Instant;
import java.time.LocalDate;
import org.springframework.data.mongodb.core.mapping.Document;

/** A reminder of one member, as stored. */
@Document("reminders")
public class ReminderDocument extends OutboxDocument {

    String kind;
    String status;
    String title;
    String detail;
    String contactId;
    String contactName;
    LocalDate dueOn;
    String sourceEventId;
    Instant createdAt;

    protected ReminderDocument() {}

    ReminderDocument(String id, String memberId, String tenantId, Instant createdAt) {
        this.id = id;
        this.memberId = memberId;
        this.tenantId = tenantId;
        this.createdAt = createdAt;
        this.status = "open";
    }
}
