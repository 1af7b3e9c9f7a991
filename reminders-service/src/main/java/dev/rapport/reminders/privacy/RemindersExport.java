package dev.rapport.reminders.privacy;

import dev.rapport.reminders.reminders.domain.Opener;
import dev.rapport.reminders.reminders.domain.PromiseNote;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Everything reminders-service holds of a member, as {@code GET /api/v1/me/export} gives it. Secrets are left
 * out: the webhooks' signing secrets and the calendar feed's token (only its hash is stored anyway).
 */
public record RemindersExport(
        String memberId,
        Instant exportedAt,
        List<Reminder> reminders,
        List<Routine> routines,

        @Schema(description = "Null when the member never changed the defaults")
        NotificationSettings notificationSettings,

        CalendarFeed calendarFeed,

        @Schema(
                description =
                        "What reminders-service learned about the member's contacts from contacts-service's events")
        List<ContactContext> contactContexts,

        @Schema(description = "The member's latest published content, offered in reach-out openers")
        LatestContent latestContent,

        List<DigestDelivery> digestDeliveries,

        @Schema(description = "Webhook subscriptions, without their signing secrets")
        List<WebhookSubscription> webhookSubscriptions,

        @Schema(description = "The webhook delivery log (what was sent where, not the payloads)")
        List<WebhookDelivery> webhookDeliveries) {

    /** A webhook subscription, without its signing secrets. */
    public record WebhookSubscription(
            String id,
            String url,
            List<String> types,
            String description,
            String apiKeyId,
            String status,
            String disabledReason,
            Instant disabledAt,
            Instant createdAt,
            Instant updatedAt) {}

    /** One webhook delivery of the log. */
    public record WebhookDelivery(
            String id,
            String subscriptionId,
            String eventId,
            String eventType,
            String subject,
            String status,
            int attempts,
            Instant createdAt,
            Instant lastAttemptAt,
            int lastStatusCode,
            String lastError,
            Instant deliveredAt) {}

    /** A reminder with the context it was created with; texts are written from these when the API shows it. */
    public record Reminder(
            String id,
            String kind,
            String status,
            String title,
            String detail,
            String contactId,
            String contactName,
            LocalDate dueOn,
            LocalDate snoozedUntil,
            String routineId,
            Instant createdAt,
            Instant closedAt,
            String closedBy,
            String what,
            String owedBy,
            String category,
            String url,
            Instant lastInteractionAt,
            String lastInteractionSummary,
            List<PromiseNote> openPromises,
            List<String> interests,
            String milestoneTitle,
            LocalDate milestoneDate,
            Opener opener) {}

    /** A recurring review or a yearly congratulation. */
    public record Routine(
            String id,
            String kind,
            String title,
            String detail,
            String preset,
            String rrule,
            LocalDate startOn,
            LocalDate nextDueOn,
            String contactId,
            String contactName,
            Instant createdAt) {}

    /** Notification settings, without the webhook's signing secret. */
    public record NotificationSettings(
            String timeZone,
            String locale,
            Integer dailyCap,
            Integer minGapDays,
            String digestTime,
            String quietStart,
            String quietEnd,
            String webhookUrl,
            Instant updatedAt) {}

    /** Whether the member has a calendar feed; its secret URL is not repeated here. */
    public record CalendarFeed(boolean active, Instant createdAt) {}

    /** One contact as reminders-service knows it. */
    public record ContactContext(
            String contactId,
            String displayName,
            String tier,
            List<String> interests,
            Instant lastInteractionAt,
            String lastInteractionSummary,
            Instant lastTouchAt,
            String milestoneTitle,
            LocalDate milestoneDate) {}

    /** The member's latest published content item. */
    public record LatestContent(String itemId, String title, String url, List<String> topics, Instant publishedAt) {}

    /** One day's digest sent (or being sent) to the member's webhook. */
    public record DigestDelivery(
            LocalDate date,
            String status,
            Integer attempts,
            List<String> reminderIds,
            Instant createdAt,
            Instant deliveredAt,
            Instant failedAt) {}
}
