package dev.rapport.reminders;

import dev.rapport.support.mongo.DeclaredIndexes;
import dev.rapport.support.mongo.IndexDeclaration;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Every MongoDB index of the reminders service, in one place: created at start-up ({@code IndexCreator}), and the
 * integration tests fail on a query none of them serves ({@code IndexCoverageIT}). See docs/operations.md.
 */
@Component
public class RemindersIndexes implements DeclaredIndexes {

    static final List<IndexDeclaration> ALL = List.of(
            // the list and the calendar feed (by due date, cursor on _id), the digest's open reminders, closing
            IndexDeclaration.of("reminders", "member_due", "memberId", "dueOn", "_id"),
            // a contact's open promises (earliest first) and the reminders an event closes for a contact
            IndexDeclaration.of("reminders", "member_contact_due", "memberId", "contactId", "dueOn"),
            // the snooze wake-up sweep
            IndexDeclaration.of("reminders", "snoozed_wake", "status", "wakeAt", "snoozedUntil"),
            IndexDeclaration.of("reminders", "member_created", "memberId", "createdAt", "_id"),
            IndexDeclaration.of("routines", "member_id", "memberId", "_id"),
            IndexDeclaration.of("routines", "member_contact", "memberId", "contactId"),
            IndexDeclaration.of("routines", "next_due", "nextDueOn"),
            IndexDeclaration.of("routines", "member_created", "memberId", "createdAt", "_id"),
            IndexDeclaration.of("contact_context", "member_contact", "memberId", "contactId", "_id"),
            IndexDeclaration.of("digest_deliveries", "due", "status", "nextAttemptAt"),
            IndexDeclaration.of("digest_deliveries", "member_date", "memberId", "date", "_id"),
            IndexDeclaration.of("notification_settings", "digest_due", "nextDigestAt"),
            // webhooks: a Kafka redelivery finds the delivery it queued already; the sweep reads due lanes (the
            // backlog); everything else is by _id (the member's subscriptions, a lane, a numbered log entry)
            IndexDeclaration.of("webhook_deliveries", "dedupe", "dedupeKey").asUnique(),
            IndexDeclaration.of("webhook_lanes", "due", "nextAttemptAt"),
            IndexDeclaration.of("webhook_deliveries", "member_created", "memberId", "createdAt", "_id"),
            // a calendar app fetches the feed by its token's hash
            IndexDeclaration.of("calendar_feeds", "token", "tokenHash").asUnique());

    @Override
    public List<IndexDeclaration> indexes() {
        return ALL;
    }
}
