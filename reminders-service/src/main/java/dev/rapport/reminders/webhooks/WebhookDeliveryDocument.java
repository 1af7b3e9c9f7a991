package dev.rapport.reminders.webhooks;

import dev.rapport.support.events.OutboxDocument;
import java.time.Instant;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One event on its way to one subscription, and its log. Its id ({@code <subscription>_<sequence>}) is the
 * {@code webhook-id} the receiver de-duplicates on and numbers the subscription's log, which is read back by id;
 * {@code dedupeKey} (unique: subscription and event) keeps a redelivered Kafka record from queueing it twice. The
 * body is fixed when it is made, so every attempt sends the same bytes.
 */
@Document("webhook_deliveries")
public class WebhookDeliveryDocument extends OutboxDocument {

    String subscriptionId;
    long sequence;
    String dedupeKey;
    String eventId;
    String eventType;
    String subject;
    /** The lane (subscription and subject) it waits in, in order. */
    String lane;
    /** pending, delivered, failed or cancelled. */
    String status;

    int attempts;
    Instant createdAt;
    /** After this a failed attempt is not retried: the subscription is disabled. */
    Instant deadline;

    Instant nextAttemptAt;
    Instant lastAttemptAt;
    int lastStatusCode;
    long lastDurationMs;
    String lastError;
    Instant deliveredAt;
    String body;

    protected WebhookDeliveryDocument() {}

    WebhookDeliveryDocument(String memberId, String tenantId, String subscriptionId, long sequence) {
        this.id = idOf(subscriptionId, sequence);
        this.memberId = memberId;
        this.tenantId = tenantId;
        this.subscriptionId = subscriptionId;
        this.sequence = sequence;
        this.status = "pending";
    }

    static String idOf(String subscriptionId, long sequence) {
        return subscriptionId + "_" + String.format("%010d", sequence);
    }

    static String laneOf(String subscriptionId, String subject) {
        return subscriptionId + "|" + (subject == null ? "" : subject);
    }

    boolean pending() {
        return "pending".equals(status);
    }

    void attempted(Instant at, int statusCode, long durationMs, String error) {
        attempts++;
        lastAttemptAt = at;
        lastStatusCode = statusCode;
        lastDurationMs = durationMs;
        lastError = error;
    }

    void delivered(Instant at) {
        status = "delivered";
        deliveredAt = at;
        nextAttemptAt = null;
    }

    void retryAt(Instant at) {
        nextAttemptAt = at;
    }

    void end(String finalStatus, String reason) {
        status = finalStatus;
        nextAttemptAt = null;
        if (reason != null) {
            lastError = reason;
        }
    }

    /** Queued again by the member: a fresh day of retries, the same id and body. */
    void redeliver(Instant now, Instant newDeadline) {
        status = "pending";
        nextAttemptAt = now;
        deadline = newDeadline;
    }
}
