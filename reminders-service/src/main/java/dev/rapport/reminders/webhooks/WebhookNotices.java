package dev.rapport.reminders.webhooks;

import dev.rapport.reminders.reminders.ReminderService;
import dev.rapport.reminders.webhooks.WebhookEndpointsDocument.Subscription;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** Tells the member about their subscriptions: a reminder, besides the NotificationFailed event. */
@Component
class WebhookNotices {

    private final ReminderService reminders;

    WebhookNotices(ReminderService reminders) {
        this.reminders = reminders;
    }

    void subscriptionDisabled(
            WebhookEndpointsDocument endpoints, Subscription subscription, String reason, Instant at) {
        reminders.notice(
                endpoints.getMemberId(),
                endpoints.getTenantId(),
                "webhook-disabled-" + subscription.id + "-" + at.getEpochSecond(),
                "Your webhook was turned off",
                "Rapport stopped sending events to " + subscription.url + ": " + reason
                        + ". Fix the receiver, then resume it with PATCH /api/v1/webhooks/" + subscription.id
                        + " {\"status\":\"active\"}.");
    }
}
