package dev.rapport.reminders.notifications;

import dev.rapport.support.events.OutboxDocument;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One member's digest of one day on its way to their webhook: its id ({@code member:date}) makes a second
 * delivery of the same day impossible and is the idempotency key the receiver sees; the body is fixed when
 * the digest is made, so every retry sends the same bytes.
 */
@Document("digest_deliveries")
public class DigestDeliveryDocument extends OutboxDocument {

    LocalDate date;
    /** pending, delivered or failed. */
    String status;

    int attempts;
    Instant nextAttemptAt;
    /** While in the future, one instance is attempting the delivery. */
    Instant attemptLease;

    Instant deadline;
    String body;
    List<String> reminderIds;
    String lastError;
    Instant createdAt;
    Instant deliveredAt;
    Instant failedAt;

    protected DigestDeliveryDocument() {}

    DigestDeliveryDocument(String memberId, String tenantId, LocalDate date) {
        this.id = idOf(memberId, date);
        this.memberId = memberId;
        this.tenantId = tenantId;
        this.date = date;
        this.status = "pending";
    }

    static String idOf(String memberId, LocalDate date) {
        return memberId + ":" + date;
    }
}
