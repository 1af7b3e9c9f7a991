package dev.rapport.support.privacy.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a service keeps of a member it erased: when, and for which erasure requests. Enough to drop
 * replayed events from before the erasure and to answer a repeated request without erasing newer data;
 * nothing about what was erased.
 *
 * @param erasedAt when this service last purged the member's data
 * @param requestIds the erasure requests this service has confirmed
 */
public record Tombstone(Instant erasedAt, List<String> requestIds) {

    /** What a service does for an erasure request. */
    public enum Step {
        /** Delete everything of the member, then confirm. */
        PURGE,
        /** Confirm only: everything the member had when they asked is already gone. */
        CONFIRM,
        /** Already confirmed: a redelivery. */
        NOTHING
    }

    public Tombstone {
        requestIds = List.copyOf(requestIds);
    }

    /** The step for a request made at {@code requestedAt}, given the member's tombstone (null when never erased). */
    public static Step stepFor(Tombstone tombstone, String requestId, Instant requestedAt) {
        if (tombstone == null) {
            return Step.PURGE;
        }
        if (tombstone.requestIds.contains(requestId)) {
            return Step.NOTHING;
        }
        // A request older than the last purge (a replay, or a second click before the first was served)
        // asks for nothing that still exists: purging again would erase what the member made since.
        return tombstone.buries(requestedAt) ? Step.CONFIRM : Step.PURGE;
    }

    /**
     * Whether an event that happened at {@code occurredAt} is from before the erasure and so must change
     * nothing; an event without a time cannot prove it is newer.
     */
    public boolean buries(Instant occurredAt) {
        return occurredAt == null || !occurredAt.isAfter(erasedAt);
    }

    /** The tombstone once a request has been answered: erased at {@code purgedAt} when it purged, else as before. */
    public static Tombstone answering(Tombstone previous, String requestId, Step step, Instant purgedAt) {
        List<String> ids = new ArrayList<>(previous == null ? List.of() : previous.requestIds);
        ids.add(requestId);
        return switch (step) {
            case PURGE -> new Tombstone(purgedAt, ids);
            case CONFIRM -> new Tombstone(previous.erasedAt, ids);
            case NOTHING -> previous;
        };
    }
}
