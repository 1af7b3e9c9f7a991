package dev.rapport.reminders.reminders;

import dev.rapport.contracts.events.ClosedBy;
import dev.rapport.contracts.events.ReopenedBy;
import dev.rapport.reminders.reminders.domain.ReminderKind;
import dev.rapport.reminders.reminders.domain.ReminderStatus;
import dev.rapport.support.events.Aggregates;
import dev.rapport.support.mongo.OptimisticRetry;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * What other services' events change in reminders already there: closing those whose cause is over, following a
 * promise kept or reopened, reopening what an archive dismissed, moving a reminder whose meeting moved.
 */
@Service
public class ReminderChanges {

    private final MongoTemplate mongo;
    private final Aggregates aggregates;
    private final Clock clock;

    ReminderChanges(MongoTemplate mongo, Aggregates aggregates, Clock clock) {
        this.mongo = mongo;
        this.aggregates = aggregates;
        this.clock = clock;
    }

    /**
     * Completes or dismisses those of the reminders {@code ids} (derived from their causes: the promises of a removed
     * interaction, the contacts of a cancelled meeting) that are still active.
     *
     * @return how many were closed
     */
    int closeAll(String memberId, List<String> ids, ReminderStatus outcome, ClosedBy closedBy) {
        return closeActive(memberId, Criteria.where("_id").in(ids), outcome, closedBy);
    }

    /**
     * Completes or dismisses the contact's active reach-outs of staleness episode {@code episode} and earlier ones
     * (and those of no known episode); a later episode's stays, so a replayed old event cannot end a new episode.
     *
     * @return how many were closed
     */
    int closeReachOuts(String memberId, String contactId, int episode, ReminderStatus outcome, ClosedBy closedBy) {
        Criteria which = new Criteria()
                .andOperator(
                        Criteria.where("kind").is(ReminderKind.REACH_OUT.id()),
                        Criteria.where("contactId").is(contactId),
                        new Criteria()
                                .orOperator(
                                        Criteria.where("episode").lte(episode),
                                        Criteria.where("episode").is(null)));
        return closeActive(memberId, which, outcome, closedBy);
    }

    /**
     * Completes or dismisses every active reminder about the contact (the contact was archived).
     *
     * @return how many were closed
     */
    int closeOfContact(String memberId, String contactId, ReminderStatus outcome, ClosedBy closedBy) {
        return closeActive(memberId, Criteria.where("contactId").is(contactId), outcome, closedBy);
    }

    /**
     * Completes or dismisses the member's active reminders matching {@code criteria}, each with its event;
     * a reminder changed concurrently is read again and retried.
     */
    private int closeActive(String memberId, Criteria criteria, ReminderStatus outcome, ClosedBy closedBy) {
        Query query = new Query(new Criteria()
                .andOperator(
                        Criteria.where("memberId").is(memberId),
                        Criteria.where("status").in(ReminderQueries.ACTIVE),
                        criteria));
        int closed = 0;
        for (ReminderDocument reminder : mongo.find(query, ReminderDocument.class)) {
            for (int attempt = 1; ; attempt++) {
                try {
                    reminder.close(outcome, closedBy, clock.instant());
                    aggregates.save(reminder);
                    closed++;
                    break;
                } catch (OptimisticLockingFailureException e) {
                    ReminderDocument fresh = mongo.findById(reminder.getId(), ReminderDocument.class);
                    if (attempt == 3 || fresh == null || !fresh.currentStatus().active()) {
                        throw e;
                    }
                    reminder = fresh;
                }
            }
        }
        return closed;
    }

    /**
     * Applies a change of the promise behind the follow-up {@code reminderId}, made at {@code revision}: kept
     * completes the follow-up, open again reopens it (unless the member dismissed it). A change not newer
     * than the one applied already (a late or replayed event) changes nothing.
     *
     * @return false when there is no such follow-up
     */
    boolean promiseChanged(String memberId, String reminderId, boolean kept, int revision) {
        return OptimisticRetry.retry(3, () -> {
            ReminderDocument reminder = mongo.findById(reminderId, ReminderDocument.class);
            if (reminder == null || !memberId.equals(reminder.getMemberId())) {
                return false;
            }
            if (reminder.promiseRevision != null && revision <= reminder.promiseRevision) {
                return true;
            }
            reminder.promiseRevision = revision;
            ReminderStatus status = reminder.currentStatus();
            if (kept && status.active()) {
                reminder.close(ReminderStatus.DONE, ClosedBy.PROMISE_KEPT, clock.instant());
            } else if (!kept && status == ReminderStatus.DONE) {
                reminder.reopen(ReopenedBy.PROMISE_REOPENED);
            }
            aggregates.save(reminder);
            return true;
        });
    }

    /**
     * Reopens what archiving a contact dismissed and still stands once they are restored: the reach-out of a
     * staleness episode that is not over (episodes up to {@code episodesOver} are) and the follow-ups of
     * promises. Reminders the member closed themselves stay closed.
     *
     * @return how many were reopened
     */
    int reopenArchived(String memberId, String contactId, int episodesOver) {
        List<ReminderDocument> dismissed = mongo.find(
                new Query(Criteria.where("memberId")
                        .is(memberId)
                        .and("contactId")
                        .is(contactId)
                        .and("status")
                        .is(ReminderStatus.DISMISSED.id())
                        .and("closedBy")
                        .is(ClosedBy.CONTACT_ARCHIVED.wire())),
                ReminderDocument.class);
        int reopened = 0;
        for (ReminderDocument reminder : dismissed) {
            boolean stands = reminder.kind() == ReminderKind.FOLLOW_UP
                    || (reminder.kind() == ReminderKind.REACH_OUT
                            && reminder.episode != null
                            && reminder.episode > episodesOver);
            if (!stands) {
                continue;
            }
            reminder.reopen(ReopenedBy.CONTACT_RESTORED);
            try {
                aggregates.save(reminder);
                reopened++;
            } catch (OptimisticLockingFailureException changedMeanwhile) {
                // the member (or another event) acted on it in the meantime: their change stands
            }
        }
        return reopened;
    }

    /**
     * Moves an open (or snoozed) reminder to another day with another subject and category (a meeting that moved
     * or was renamed); a closed one, or one already so, is left as it is.
     */
    void moveOpen(String memberId, String id, LocalDate dueOn, String what, String category) {
        for (int attempt = 1; attempt <= 3; attempt++) {
            ReminderDocument reminder = mongo.findById(id, ReminderDocument.class);
            if (reminder == null
                    || !memberId.equals(reminder.getMemberId())
                    || !reminder.currentStatus().active()
                    || (java.util.Objects.equals(reminder.dueOn, dueOn)
                            && java.util.Objects.equals(reminder.what, what)
                            && java.util.Objects.equals(reminder.category, category))) {
                return;
            }
            reminder.dueOn = dueOn;
            reminder.what = what;
            reminder.category = category;
            try {
                aggregates.save(reminder);
                return;
            } catch (OptimisticLockingFailureException e) {
                // changed meanwhile: read it again
            }
        }
    }
}
