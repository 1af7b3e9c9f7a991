package dev.rapport.contacts.contacts;

import dev.rapport.contacts.domain.KeepInTouch;
import java.time.Instant;
import org.springframework.data.mongodb.core.query.Criteria;

/**
 * The keep-in-touch rules of {@link KeepInTouch} as criteria over stored contacts, written once, next to the
 * rules they select by: {@link #lapsed} selects exactly the contacts {@link KeepInTouch#lapsed} holds for (the
 * sweep's), {@link #inStatus} those {@link KeepInTouch#status} puts in a status (the list's filter). A change of
 * a rule changes its criteria here; {@code KeepInTouchCriteriaTest} keeps the two in agreement on the boundaries.
 */
final class KeepInTouchCriteria {

    private KeepInTouchCriteria() {}

    /**
     * The contacts whose cadence has lapsed at {@code now} ({@link KeepInTouch#lapsed}): due strictly before
     * {@code now}, not in a staleness episode already, not archived.
     */
    static Criteria lapsed(Instant now) {
        return Criteria.where("stale")
                .ne(true)
                .and("archived")
                .ne(true)
                .and("nextTouchDueAt")
                .lt(now);
    }

    /** The contacts whose clock is in {@code status} at {@code now} ({@link KeepInTouch#status}). */
    static Criteria inStatus(KeepInTouch.Status status, Instant now) {
        Instant soon = now.plus(KeepInTouch.DUE_SOON);
        return switch (status) {
            case STALE -> Criteria.where("nextTouchDueAt").lt(now);
            case DUE_SOON -> Criteria.where("nextTouchDueAt").gte(now).lt(soon);
            case OK -> Criteria.where("nextTouchDueAt").gte(soon);
        };
    }
}
