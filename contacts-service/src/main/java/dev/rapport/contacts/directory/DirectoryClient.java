package dev.rapport.contacts.directory;

import dev.rapport.contacts.directory.domain.Backoff;
import dev.rapport.contacts.directory.domain.DirectoryProfile;
import dev.rapport.support.outbound.OutboundGuard;
import dev.rapport.support.outbound.OutboundHttp;
import dev.rapport.support.outbound.OutboundRefusedException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads profiles from an organization's alumni-directory API, one page at a time:
 * {@code GET <baseUrl>/profiles?updated_since=&limit=&cursor=}. A 429 waits what {@code Retry-After}
 * says, a 5xx or a network error waits longer after each attempt, up to a number of attempts; a
 * record that is not a valid profile is handed back as malformed instead of failing the page. Requests go through
 * the outbound guard (https, no address inside the platform unless allowed, the checked address is the one
 * connected to) and follow no redirect, so the bearer token only ever goes to the configured directory.
 */
@Component
public class DirectoryClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DirectoryClient.class);

    private final DirectoryProperties settings;
    private final JsonMapper json;
    private final Pauses pauses;
    private final Clock clock;
    private final OutboundHttp http;

    DirectoryClient(DirectoryProperties settings, JsonMapper json, Pauses pauses, Clock clock, OutboundGuard guard) {
        this.settings = settings;
        this.json = json;
        this.pauses = pauses;
        this.clock = clock;
        this.http = new OutboundHttp(guard, settings.timeout(), settings.timeout());
    }

    /** The largest page read (a page of {@code pageSize} profiles is far smaller). */
    static final long MAX_PAGE_BYTES = 16L * 1024 * 1024;

    /** A record of a page that is not a usable profile: where it was, its id if it had one, and why. */
    public record Malformed(int position, String profileId, String reason) {}

    /** One page: the profiles, the malformed records, and the cursor of the next page (null on the last). */
    public record Page(List<DirectoryProfile> profiles, List<Malformed> malformed, String nextCursor) {}

    /** The directory could not be read now (after the retries); the sync resumes from the same page next time. */
    public static class DirectoryUnavailableException extends RuntimeException {
        DirectoryUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Reads one page of the profiles updated since {@code updatedSince} (all when null), from {@code cursor}. */
    public Page page(DirectoryProperties.Tenant tenant, Instant updatedSince, String cursor) {
        URI uri = uri(tenant, updatedSince, cursor);
        String problem = null;
        Exception cause = null;
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            Duration wait;
            try {
                OutboundHttp.Response response = http.send("GET", uri, headers(tenant), null, null, MAX_PAGE_BYTES);
                int status = response.status();
                if (status == 200) {
                    if (response.truncated()) {
                        throw new DirectoryUnavailableException(
                                "the directory's page is larger than " + MAX_PAGE_BYTES / (1024 * 1024) + " MB", null);
                    }
                    return parse(new String(response.body(), StandardCharsets.UTF_8));
                }
                if (status >= 300 && status < 400) {
                    // Not followed: the token must not go wherever a redirect points.
                    throw new DirectoryUnavailableException(
                            "the directory redirected " + uri.getPath() + " with HTTP " + status
                                    + ": configure its final URL",
                            null);
                }
                problem = "HTTP " + status;
                if (status == 429) {
                    wait = Backoff.retryAfter(response.header("Retry-After").orElse(null), clock.instant())
                            .orElse(Backoff.after(attempt, settings.initialBackoff(), settings.maxBackoff()));
                    if (wait.compareTo(settings.maxRetryAfter()) > 0) {
                        throw new DirectoryUnavailableException(
                                "the directory asks to wait " + wait + ", longer than " + settings.maxRetryAfter(),
                                null);
                    }
                } else if (status >= 500) {
                    wait = Backoff.after(attempt, settings.initialBackoff(), settings.maxBackoff());
                } else {
                    throw new DirectoryUnavailableException(
                            "the directory refused " + uri.getPath() + " with HTTP " + status
                                    + ": check its URL and token",
                            null);
                }
            } catch (OutboundRefusedException e) {
                throw new DirectoryUnavailableException(
                        "the directory's URL " + uri + " is refused: " + e.getMessage(), e);
            } catch (IOException e) {
                problem = e.toString();
                cause = e;
                wait = Backoff.after(attempt, settings.initialBackoff(), settings.maxBackoff());
            }
            if (attempt < settings.maxAttempts()) {
                log.info(
                        "Directory page {} failed ({}), attempt {} of {}: retrying in {}",
                        uri,
                        problem,
                        attempt,
                        settings.maxAttempts(),
                        wait);
                try {
                    pauses.pause(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new DirectoryUnavailableException("interrupted", e);
                }
            }
        }
        throw new DirectoryUnavailableException(
                "the directory failed " + settings.maxAttempts() + " times (" + problem + ")", cause);
    }

    private static Map<String, String> headers(DirectoryProperties.Tenant tenant) {
        if (tenant.token() != null && !tenant.token().isBlank()) {
            return Map.of("Accept", "application/json", "Authorization", "Bearer " + tenant.token());
        }
        return Map.of("Accept", "application/json");
    }

    private URI uri(DirectoryProperties.Tenant tenant, Instant updatedSince, String cursor) {
        StringBuilder uri = new StringBuilder(tenant.baseUrl().replaceAll("/+$", ""))
                .append("/profiles?limit=")
                .append(settings.pageSize());
        if (updatedSince != null) {
            uri.append("&updated_since=").append(encode(updatedSince.toString()));
        }
        if (cursor != null) {
            uri.append("&cursor=").append(encode(cursor));
        }
        return URI.create(uri.toString());
    }

    private Page parse(String body) {
        JsonNode page;
        try {
            page = json.readTree(body);
        } catch (JacksonException e) {
            throw new DirectoryUnavailableException("the directory answered something that is not JSON", e);
        }
        JsonNode items = page.path("items");
        if (!items.isArray()) {
            throw new DirectoryUnavailableException("the directory's page has no items array", null);
        }
        List<DirectoryProfile> profiles = new ArrayList<>();
        List<Malformed> malformed = new ArrayList<>();
        int position = 0;
        for (JsonNode item : items) {
            String id = item.path("id").isString() ? item.path("id").asString() : null;
            try {
                profiles.add(profile(item));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                malformed.add(new Malformed(position, id, e.getMessage()));
            }
            position++;
        }
        JsonNode next = page.path("nextCursor");
        return new Page(profiles, malformed, next.isString() && !next.asString().isBlank() ? next.asString() : null);
    }

    private static DirectoryProfile profile(JsonNode item) {
        if (!item.isObject()) {
            throw new IllegalArgumentException("not an object");
        }
        String id = text(item, "id");
        if (id == null) {
            throw new IllegalArgumentException("no id");
        }
        String updatedAt = text(item, "updatedAt");
        if (updatedAt == null) {
            throw new IllegalArgumentException("no updatedAt");
        }
        List<String> emails = new ArrayList<>();
        JsonNode list = item.path("emails");
        if (!list.isMissingNode() && !list.isNull()) {
            if (!list.isArray()) {
                throw new IllegalArgumentException("emails is not a list");
            }
            list.forEach(email -> {
                if (email.isString() && !email.asString().isBlank()) {
                    emails.add(email.asString());
                }
            });
        }
        return new DirectoryProfile(
                id,
                text(item, "firstName"),
                text(item, "lastName"),
                emails,
                text(item, "profileUrl"),
                text(item, "employer"),
                text(item, "title"),
                Instant.parse(updatedAt));
    }

    private static String text(JsonNode item, String field) {
        JsonNode value = item.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new IllegalArgumentException(field + " is not text");
        }
        return value.asString().isBlank() ? null : value.asString().strip();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        http.close();
    }
}
