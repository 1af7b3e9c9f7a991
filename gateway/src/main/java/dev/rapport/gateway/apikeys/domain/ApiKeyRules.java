package dev.rapport.gateway.apikeys.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;
import org.jspecify.annotations.Nullable;

/**
 * What a member may ask for when creating an API key: a name, known scopes that the member's own token grants (a key
 * never has more power than its creator), an expiry in the future and not too far, and a bounded number of live keys.
 */
public final class ApiKeyRules {

    /** The areas a key may be scoped to, each with {@code :read} or {@code :write}. */
    public static final List<String> AREAS = List.of("contacts", "reminders", "content");

    /** Every scope a key may carry. */
    public static final Set<String> KNOWN_SCOPES = Set.of(
            "contacts:read", "contacts:write", "reminders:read", "reminders:write", "content:read", "content:write");

    /** How many keys that are neither revoked nor expired a member may hold. */
    public static final int MAX_LIVE_KEYS = 25;

    /** The longest lifetime a key may be given (a key asked for without one gets the configured default). */
    public static final Duration MAX_VALIDITY = Duration.ofDays(366);

    /** The longest name. */
    public static final int MAX_NAME_LENGTH = 100;

    private ApiKeyRules() {}

    /**
     * The reasons the request cannot be granted, empty when it can.
     *
     * @param creatorAllows whether the creator's credentials allow an area ({@code contacts}) for an access
     *     ({@code read}, {@code write})
     */
    public static List<FieldError> check(
            @Nullable String name,
            @Nullable List<String> scopes,
            @Nullable Instant expiresAt,
            BiPredicate<String, String> creatorAllows,
            Instant now) {
        List<FieldError> errors = new ArrayList<>();
        if (name == null || name.isBlank()) {
            errors.add(new FieldError("name", "must not be blank"));
        } else if (name.length() > MAX_NAME_LENGTH) {
            errors.add(new FieldError("name", "must be at most " + MAX_NAME_LENGTH + " characters"));
        }
        if (scopes == null || scopes.isEmpty()) {
            errors.add(new FieldError("scopes", "must name at least one of " + sorted(KNOWN_SCOPES)));
        } else {
            for (int i = 0; i < scopes.size(); i++) {
                String scope = scopes.get(i);
                String field = "scopes[" + i + "]";
                if (scope == null || !KNOWN_SCOPES.contains(scope)) {
                    errors.add(new FieldError(field, "unknown scope '" + scope + "'; one of " + sorted(KNOWN_SCOPES)));
                } else {
                    String[] parts = scope.split(":");
                    if (!creatorAllows.test(parts[0], parts[1])) {
                        errors.add(new FieldError(field, "your own token does not grant " + scope));
                    }
                }
            }
        }
        errors.addAll(checkExpiry(expiresAt, now));
        return errors;
    }

    /** The reasons an asked-for expiry (none: the default lifetime) cannot be granted, empty when it can. */
    public static List<FieldError> checkExpiry(@Nullable Instant expiresAt, Instant now) {
        if (expiresAt == null) {
            return List.of();
        }
        if (!expiresAt.isAfter(now)) {
            return List.of(new FieldError("expiresAt", "must be in the future"));
        }
        if (expiresAt.isAfter(now.plus(MAX_VALIDITY))) {
            return List.of(new FieldError("expiresAt", "must be within " + MAX_VALIDITY.toDays() + " days"));
        }
        return List.of();
    }

    private static List<String> sorted(Set<String> scopes) {
        return scopes.stream().sorted().toList();
    }
}
