package dev.rapport.reminders.privacy;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
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

    RemindersExport of(String memberId) {
        StoredFeed feed = mongo.findById(memberId, StoredFeed.class, "calendar_feeds");
        StoredWebhooks webhooks = mongo.findById(memberId, StoredWebhooks.class, "webhook_endpoints");
        return new RemindersExport(
                memberId,
                clock.instant(),
                mongo.find(ofMember(memberId, "createdAt"), RemindersExport.Reminder.class, "reminders"),
                mongo.find(ofMember(memberId, "createdAt"), RemindersExport.Routine.class, "routines"),
                mongo.findById(memberId, RemindersExport.NotificationSettings.class, "notification_settings"),
                new RemindersExport.CalendarFeed(feed != null, feed == null ? null : feed.createdAt()),
                mongo.find(ofMember(memberId, "contactId"), RemindersExport.ContactContext.class, "contact_context"),
                mongo.findById(memberId, RemindersExport.LatestContent.class, "member_content"),
                mongo.find(ofMember(memberId, "date"), RemindersExport.DigestDelivery.class, "digest_deliveries"),
                webhooks == null || webhooks.subscriptions() == null ? List.of() : webhooks.subscriptions(),
                mongo.find(
                        ofMember(memberId, "createdAt"), RemindersExport.WebhookDelivery.class, "webhook_deliveries"));
    }

    private static Query ofMember(String memberId, String order) {
        return query(where("memberId").is(memberId)).with(Sort.by(order, "_id"));
    }

    /** Only whether the feed exists and since when: the token's hash stays in the service. */
    record StoredFeed(Instant createdAt) {}

    /** The member's subscriptions, read without their secrets. */
    record StoredWebhooks(List<RemindersExport.WebhookSubscription> subscriptions) {}
}
