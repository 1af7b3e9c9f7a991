package dev.rapport.reminders.webhooks.domain;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which CloudEvent types a webhook subscription wants: exact types ({@code rapport.reminders.ReminderCreated.v1})
 * or prefixes ending in a dot ({@code rapport.reminders.}, {@code rapport.}), and whether the subscriber's scopes
 * let it read the area an event comes from ({@code rapport.<area>.…} needs {@code <area>:read}).
 */
public record EventTypeFilter(List<String> patterns) {

    /** The most patterns one subscription may list. */
    public static final int MAX_PATTERNS = 50;

    private static final Pattern EXACT = Pattern.compile("rapport\\.[a-z]+\\.[A-Z][A-Za-z]{1,80}\\.v[0-9]{1,3}");
    private static final Pattern PREFIX = Pattern.compile("rapport\\.([a-z]+\\.([A-Z][A-Za-z]{0,80}\\.)?)?");

    public EventTypeFilter {
        patterns = List.copyOf(patterns);
    }

    /** Why {@code patterns} cannot be a filter, or empty when they can. */
    public static Optional<String> problemWith(List<String> patterns) {
        if (patterns == null || patterns.isEmpty()) {
            return Optional.of("must list at least one event type or prefix such as rapport.reminders.");
        }
        if (patterns.size() > MAX_PATTERNS) {
            return Optional.of("must list at most " + MAX_PATTERNS + " event types or prefixes");
        }
        for (String pattern : patterns) {
            if (pattern == null
                    || !(EXACT.matcher(pattern).matches()
                            || PREFIX.matcher(pattern).matches())) {
                return Optional.of(
                        "'" + pattern + "' is neither an event type such as"
                                + " rapport.reminders.ReminderCreated.v1 nor a prefix ending in a dot such as rapport.reminders.");
            }
        }
        return Optional.empty();
    }

    /** Whether an event of {@code type} is wanted. */
    public boolean wants(String type) {
        for (String pattern : patterns) {
            if (pattern.endsWith(".") ? type.startsWith(pattern) : type.equals(pattern)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code scopes} let their holder read events of {@code type} (the area is its second segment). */
    public static boolean readable(String type, Set<String> scopes) {
        String[] parts = type.split("\\.");
        if (parts.length < 2) {
            return false;
        }
        String area = parts[1].toLowerCase(Locale.ROOT);
        return scopes.contains(area + ":read") || scopes.contains(area + ":write");
    }
}
