package dev.rapport.reminders.reminders.domain;

import java.time.LocalDate;

/**
 * An open reminder that could appear in today's digest, with what prioritization needs.
 *
 * @param kind the reminder's kind (follow-up, congratulate …)
 * @param owedBy {@code me} or {@code them} for a promise, else null
 * @param contactId null when the reminder is about no one
 * @param tier the contact's tier (inner, strategic …), if known
 */
public record DigestCandidate(String id, String kind, LocalDate dueOn, String owedBy, String contactId, String tier) {}
