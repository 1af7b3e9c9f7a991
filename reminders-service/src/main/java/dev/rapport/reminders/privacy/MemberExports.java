package dev.rapport.reminders.privacy;

import dev.rapport.support.privacy.MemberRows;
import dev.rapport.support.web.StreamedJson;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads a member's data for export straight from the collections into the export records (mapped by
 * field name), so the export shows what is stored, not what one screen of the API happens to show.
 */
@Component
class MemberExports {

    private final MongoTemplate mongo;
    private final Clock clock;

    MemberExports(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** Writes the members of the {@link RemindersExport} of {@code memberId}, in its order. */
    void write(String memberId, StreamedJson.Writer export) {
        StoredFeed feed = mongo.findById(memberId, StoredFeed.class, "calendar_feeds");
        StoredWebhooks webhooks = mongo.findById(memberId, StoredWebhooks.class, "webhook_endpoints");
        export.value("memberId", memberId)
                .value("exportedAt", clock.instant())
                .array(
                        "reminders",
                        MemberRows.of(mongo, memberId, "createdAt", RemindersExport.Reminder.class, "reminders"))
                .array(
                        "routines",
                        MemberRows.of(mongo, memberId, "createdAt", RemindersExport.Routine.class, "routines"))
                .value(
                        "notificationSettings",
                        mongo.findById(memberId, RemindersExport.NotificationSettings.class, "notification_settings"))
                .value(
                        "calendarFeed",
                        new RemindersExport.CalendarFeed(feed != null, feed == null ? null : feed.createdAt()))
                .array(
                        "contactContexts",
                        MemberRows.of(
                                mongo, memberId, "contactId", RemindersExport.ContactContext.class, "contact_context"))
                .value("latestContent", mongo.findById(memberId, RemindersExport.LatestContent.class, "member_content"))
                .array(
                        "digestDeliveries",
                        MemberRows.of(
                                mongo, memberId, "date", RemindersExport.DigestDelivery.class, "digest_deliveries"))
                .value(
                        "webhookSubscriptions",
                        webhooks == null || webhooks.subscriptions() == null ? List.of() : webhooks.subscriptions())
                .array(
                        "webhookDeliveries",
                        MemberRows.of(
                                mongo,
                                memberId,
                                "createdAt",
                                RemindersExport.WebhookDelivery.class,
                                "webhook_deliveries"));
    }

    /** Only whether the feed exists and since when: the token's hash stays in the service. */
    record StoredFeed(Instant createdAt) {}

    /** The member's subscriptions, read without their secrets. */
    record StoredWebhooks(List<RemindersExport.WebhookSubscription> subscriptions) {}
}
