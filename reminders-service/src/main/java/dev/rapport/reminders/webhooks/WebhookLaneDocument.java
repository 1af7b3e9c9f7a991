package dev.rapport.reminders.webhooks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The pending deliveries of one subscription and subject, oldest first: the sweep sends only the head, so a
 * subject's events arrive in order, and a failing head holds back only its own lane. The collection holds only
 * lanes with work (an emptied lane is deleted), so its size is the backlog, not the history; the sweep reads it,
 * never the delivery log.
 */
@Document("webhook_lanes")
class WebhookLaneDocument {

    @Id
    String id;

    String memberId;
    String subscriptionId;
    List<String> deliveryIds = new ArrayList<>();
    /** When the head may be attempted; while an instance holds the lane, when its lease ends. */
    Instant nextAttemptAt;
    /** Until when the instance that claimed the lane holds it (for operators: nextAttemptAt decides). */
    Instant lease;
}
