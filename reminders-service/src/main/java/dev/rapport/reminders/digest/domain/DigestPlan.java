package dev.rapport.reminders.digest.domain;

import dev.rapport.reminders.reminders.domain.DigestCandidate;
import java.util.List;

/**
 * Today's digest: the chosen reminders in order, and how many due ones were left out.
 *
 * @param heldBackByCap due reminders left for another day because the daily cap was reached
 * @param restingContacts due reminders about people touched within the minimum gap, or already in the digest
 */
public record DigestPlan(List<DigestCandidate> items, int heldBackByCap, int restingContacts) {}
