package dev.rapport.contacts.goals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A goal as the API shows it. */
public record GoalView(
        String id,
        String title,
        String description,
        LocalDate targetDate,
        List<String> topics,
        String status,
        Instant createdAt) {

    public static GoalView of(GoalDocument g) {
        return new GoalView(g.id, g.title, g.description, g.targetDate, g.topics, g.status, g.createdAt);
    }
}
