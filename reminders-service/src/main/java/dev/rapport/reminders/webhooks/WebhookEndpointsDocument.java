package dev.rapport.reminders.webhooks;

import dev.rapport.contracts.events.NotificationChannel;
import dev.rapport.contracts.events.NotificationFailed;
import dev.rapport.reminders.webhooks.domain.SigningSecret;
import dev.rapport.support.events.OutboxDocument;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * All webhook subscriptions of one member in one document ({@code _id} = member id): every event, API call and
 * delivery finds them with one primary-key lookup, and the number a member may hold is bounded
 * ({@code rapport.reminders.webhooks.max-per-member}). Changes go through its methods and are saved through the
 * one write path.
 */
@Document("webhook_endpoints")
public class WebhookEndpointsDocument extends OutboxDocument {

    static final NotificationChannel CHANNEL = NotificationChannel.WEBHOOK_SUBSCRIPTION;

    List<Subscription> subscriptions = new ArrayList<>();

    protected WebhookEndpointsDocument() {}

    WebhookEndpointsDocument(String memberId, String tenantId) {
        this.id = memberId;
        this.memberId = memberId;
        this.tenantId = tenantId;
    }

    /** One subscription, as stored. */
    public static class Subscription {
        String id;
        String url;
        List<String> types;
        String description;
        /** The API key that created it (it then sees and manages only its own), null for the member's token. */
        String apiKeyId;
        /** The creator's scopes: events of an area they cannot read are never delivered. */
        Set<String> scopes;
        /** active, paused or disabled. */
        String status;

        String disabledReason;
        Instant disabledAt;
        List<SigningSecret> secrets = new ArrayList<>();
        Instant createdAt;
        Instant updatedAt;

        public String id() {
            return id;
        }

        boolean active() {
            return "active".equals(status);
        }
    }

    Optional<Subscription> find(String subscriptionId) {
        return subscriptions.stream().filter(s -> s.id.equals(subscriptionId)).findFirst();
    }

    void add(Subscription subscription) {
        subscriptions.add(subscription);
    }

    void remove(Subscription subscription) {
        subscriptions.remove(subscription);
    }

    void rotate(Subscription subscription, SigningSecret fresh, Instant now, Duration overlap) {
        subscription.secrets = SigningSecret.rotate(subscription.secrets, fresh, now, overlap);
        subscription.updatedAt = now;
    }

    /**
     * Turns the subscription off after its deliveries kept failing, and tells the member ({@code NotificationFailed}
     * on reminders.events, channel {@code webhook-subscription}).
     */
    void disable(Subscription subscription, String reason, int attempts, Instant now) {
        subscription.status = "disabled";
        subscription.disabledReason = reason;
        subscription.disabledAt = now;
        subscription.updatedAt = now;
        record(h -> new NotificationFailed(h, subscription.id, CHANNEL, reason, attempts));
    }
}
