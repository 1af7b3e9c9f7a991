package dev.rapport.support.web;

import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * Conditional requests, the one implementation every service uses: a resource's strong ETag is its stored
 * version; {@code If-Match} that names another version answers 412 (a lost update is prevented), and a
 * resource that requires it answers 428 without it.
 */
public final class ConditionalRequests {

    private static final String INVALID = "must be an ETag this API returned";

    private ConditionalRequests() {}

    /** The strong ETag of a stored version ({@code "3"}); a resource not stored yet is at version 0. */
    public static String etag(Long version) {
        return "\"" + (version == null ? 0 : version) + "\"";
    }

    /**
     * Checks {@code If-Match} against the current ETag. Without it: 428 when {@code required} (the problem
     * names the current ETag), nothing otherwise. With it: one of its comma-separated tags (a weak
     * {@code W/} prefix ignored) must be the current ETag or {@code *}, else 412.
     *
     * @param currentEtag the resource's ETag now, or null when there is no such resource yet
     */
    public static void requireMatch(String ifMatch, String currentEtag, boolean required) {
        if (ifMatch == null || ifMatch.isBlank()) {
            if (required) {
                throw new ApiException(
                        HttpStatus.PRECONDITION_REQUIRED,
                        "Precondition required",
                        "send If-Match with the ETag you read, so that another change is not overwritten",
                        Map.of("currentEtag", currentEtag == null ? "" : currentEtag));
            }
            return;
        }
        boolean matches = false;
        for (String candidate : ifMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            matches |= tag.equals("*") || tag.equals(currentEtag);
        }
        if (!matches) {
            throw ApiException.preconditionFailed(currentEtag == null ? "" : currentEtag);
        }
    }

    /** The version an {@code If-Match} names; see {@link #expectedVersion(String, String)}. */
    public static Long expectedVersion(String ifMatch) {
        return expectedVersion(ifMatch, INVALID);
    }

    /**
     * The version an {@code If-Match} names, for a service that compares versions itself: null without the
     * header or with {@code *} (replace unconditionally), 400 with {@code invalidMessage} when it is not an
     * ETag of ours.
     */
    public static Long expectedVersion(String ifMatch, String invalidMessage) {
        if (ifMatch == null) {
            return null;
        }
        String value = ifMatch.strip();
        if (value.equals("*")) {
            return null;
        }
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        try {
            return Long.parseLong(value.replace("\"", "").strip());
        } catch (NumberFormatException e) {
            throw ApiException.invalidField(HttpHeaders.IF_MATCH, invalidMessage);
        }
    }

    /** 412 (naming the current ETag) when an expected version was given and is not the current one. */
    public static void requireVersion(Long expected, long current) {
        if (expected != null && expected != current) {
            throw ApiException.preconditionFailed(etag(current));
        }
    }
}
