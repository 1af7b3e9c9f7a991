package dev.rapport.content.domain;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Where a content item is in its life: idea → draft → scheduled → published → archived. */
public enum ItemStatus {
    IDEA,
    DRAFT,
    SCHEDULED,
    PUBLISHED,
    ARCHIVED;

    /** The status named as in the API. */
    public static ItemStatus of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }

    /** The name used in the API. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The statuses an item in this status may move to by a member's request. */
    public Set<ItemStatus> next() {
        return switch (this) {
            case IDEA -> Set.of(DRAFT, ARCHIVED);
            case DRAFT -> Set.of(IDEA, SCHEDULED, PUBLISHED, ARCHIVED);
            case SCHEDULED -> Set.of(DRAFT, PUBLISHED, ARCHIVED);
            case PUBLISHED -> Set.of(ARCHIVED);
            case ARCHIVED -> Set.of();
        };
    }

    /**
     * Why the move to {@code target} is not allowed, or empty when it is. Reasons are meant for the
     * member (they become the detail of a 409).
     */
    public Optional<String> refusalTo(ItemStatus target) {
        if (target == this || next().contains(target)) {
            return Optional.empty();
        }
        String reason = switch (this) {
            case IDEA ->
                target == SCHEDULED
                        ? "an idea must become a draft before it is scheduled"
                        : "an idea must become a draft before it is published";
            case SCHEDULED -> "a scheduled item can go back to draft, be published or be archived, not become an idea";
            case PUBLISHED -> "a published item can only be archived: it is already out";
            case ARCHIVED -> "an archived item is final: create a new item instead";
            case DRAFT -> "a draft cannot move to " + target.id();
        };
        return Optional.of("cannot move from " + id() + " to " + target.id() + ": " + reason);
    }
}
