package dev.rapport.reminders.digest.domain;

import dev.rapport.reminders.reminders.domain.DigestCandidate;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chooses the few reminders a member sees today.
 *
 * <p>Only reminders due today or earlier take part. They are ordered by priority: promises due or overdue,
 * then congratulations, then people of the inner and strategic tiers, then everything else; within a
 * priority the most overdue first. A person touched (outbound) fewer than the minimum gap days ago is left
 * to rest, except for keeping the member's own promise and congratulating on the day, which are never
 * nagging; and a person appears at most once a day. The first {@code dailyCap} remain.
 */
public final class DigestPlanner {

    private static final Set<String> CLOSE_TIERS = Set.of("inner", "strategic");

    private DigestPlanner() {}

    /**
     * @param lastTouchOn for each contact id, the member's day of the last outbound touch
     */
    public static DigestPlan plan(
            LocalDate today,
            int dailyCap,
            int minGapDays,
            List<DigestCandidate> open,
            Map<String, LocalDate> lastTouchOn) {
        List<DigestCandidate> due = open.stream()
                .filter(c -> c.dueOn() != null && !c.dueOn().isAfter(today))
                .sorted(Comparator.comparingInt(DigestPlanner::priority)
                        .thenComparing(DigestCandidate::dueOn)
                        .thenComparing(DigestCandidate::id))
                .toList();
        Set<String> people = new HashSet<>();
        List<DigestCandidate> eligible = new java.util.ArrayList<>();
        int resting = 0;
        for (DigestCandidate c : due) {
            if (c.contactId() != null) {
                boolean rests = !exempt(c) && resting(lastTouchOn.get(c.contactId()), today, minGapDays);
                if (rests || !people.add(c.contactId())) {
                    resting++;
                    continue;
                }
            }
            eligible.add(c);
        }
        int shown = Math.min(dailyCap, eligible.size());
        return new DigestPlan(List.copyOf(eligible.subList(0, shown)), eligible.size() - shown, resting);
    }

    /** 0 promises, 1 congratulations, 2 close tiers, 3 the rest. */
    static int priority(DigestCandidate c) {
        if ("follow-up".equals(c.kind())) {
            return 0;
        }
        if ("congratulate".equals(c.kind())) {
            return 1;
        }
        return c.tier() != null && CLOSE_TIERS.contains(c.tier()) ? 2 : 3;
    }

    private static boolean exempt(DigestCandidate c) {
        return ("follow-up".equals(c.kind()) && "me".equals(c.owedBy())) || "congratulate".equals(c.kind());
    }

    private static boolean resting(LocalDate lastTouch, LocalDate today, int minGapDays) {
        return lastTouch != null && ChronoUnit.DAYS.between(lastTouch, today) < minGapDays;
    }
}
