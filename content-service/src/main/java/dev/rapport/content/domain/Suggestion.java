package dev.rapport.content.domain;

import java.time.ZonedDateTime;
import java.util.List;

/**
 * A concrete next step for the member, in their language, with the items and slots it is about so that a
 * client can offer it as one action.
 *
 * @param kind what sort of step: {@code spread-scheduled}, {@code schedule-draft}, {@code draft-an-idea},
 *     {@code plan-new-item}, {@code after-burst}, {@code first-period}, {@code neglected-pillar}
 * @param channel the channel it is about, null for the whole plan
 */
public record Suggestion(
        String kind, String channel, String message, List<String> itemIds, List<ZonedDateTime> slots) {}
