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
    /** When the head may be attempted. */
    Instant nextAttemptAt;
    /** While in the future, one instance is working on the lane. */
    Instant lease;
}
