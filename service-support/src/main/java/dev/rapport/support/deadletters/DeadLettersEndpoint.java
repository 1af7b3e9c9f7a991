package dev.rapport.support.deadletters;

import dev.rapport.support.deadletters.DeadLetters.DeadLetter;
import dev.rapport.support.deadletters.DeadLetters.Filter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * The operators' dead-letter API, on the management port only ({@code /actuator/deadletters}); never routed by
 * the gateway. Every replay and discard names its {@code operator} and is logged and stored with it.
 *
 * <p>Every operation takes an optional {@code topic}: one of the service's dead-letter topics (the list names them
 * all in {@code topics}), the inbox's by default.
 *
 * <ul>
 *   <li>{@code GET /actuator/deadletters?topic=&type=&status=open|replayed|discarded&since=&until=&after=&limit=}
 *   <li>{@code GET /actuator/deadletters/{id}}: headers, payload and error of one
 *   <li>{@code POST /actuator/deadletters/{id}} {@code {"action":"replay"|"discard","operator":"…","reason":"…"}}
 *   <li>{@code POST /actuator/deadletters} {@code {"action":…,"operator":…,"reason":…,"type":…,"since":…,
 *       "until":…,"all":true}}: every open letter the filter selects ({@code all} is required without a filter)
 * </ul>
 */
@Endpoint(id = "deadletters")
public class DeadLettersEndpoint {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    private static final Pattern OPERATOR = Pattern.compile("[\\p{L}\\p{N}._@+-]{1,100}");
    private static final Set<String> STATUSES = Set.of("open", "replayed", "discarded");

    private final DeadLetterTopics topics;

    public DeadLettersEndpoint(DeadLetterTopics topics) {
        this.topics = topics;
    }

    @ReadOperation
    public WebEndpointResponse<Object> list(
            @Nullable String topic,
            @Nullable String type,
            @Nullable String status,
            @Nullable String since,
            @Nullable String until,
            @Nullable String after,
            @Nullable Integer limit) {
        try {
            int size = limit == null ? DEFAULT_LIMIT : limit;
            if (size < 1 || size > MAX_LIMIT) {
                throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
            }
            if (after != null) {
                Position.parse(after);
            }
            DeadLetters deadLetters = topics.of(topic);
            DeadLetters.Page page = deadLetters.list(filter(type, status, since, until), after, size);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("topic", page.topic());
            body.put("topics", topics.names());
            body.put("open", deadLetters.openCount());
            body.put(
                    "items",
                    page.items().stream().map(DeadLettersEndpoint::summary).toList());
            body.put("next", page.next());
            return new WebEndpointResponse<>(body, 200);
        } catch (IllegalArgumentException e) {
            return problem(400, e.getMessage());
        }
    }

    @ReadOperation
    public WebEndpointResponse<Object> show(@Selector String id, @Nullable String topic) {
        try {
            DeadLetters deadLetters = topics.of(topic);
            DeadLetter letter = deadLetters.find(id);
            if (letter == null) {
                return problem(404, "no dead letter " + id + " in " + deadLetters.topic());
            }
            Map<String, Object> body = summary(letter);
            body.put("key", letter.key());
            body.put("headers", letter.headers());
            body.put("payload", new String(letter.payload(), StandardCharsets.UTF_8));
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("exception", letter.headers().get("x-exception-fqcn"));
            error.put("message", letter.headers().get("x-exception-message"));
            error.put("stacktrace", letter.headers().get("x-exception-stacktrace"));
            error.put("originalTopic", letter.headers().get("x-original-topic"));
            error.put("originalPartition", letter.headers().get("x-original-partition"));
            error.put("originalOffset", letter.headers().get("x-original-offset"));
            body.put("error", error);
            return new WebEndpointResponse<>(body, 200);
        } catch (IllegalArgumentException e) {
            return problem(400, e.getMessage());
        }
    }

    @WriteOperation
    public WebEndpointResponse<Object> decideOne(
            @Selector String id, String action, String operator, @Nullable String reason, @Nullable String topic) {
        try {
            checkDecision(action, operator, reason);
            DeadLetters deadLetters = topics.of(topic);
            DeadLetter letter = deadLetters.find(id);
            if (letter == null) {
                return problem(404, "no dead letter " + id + " in " + deadLetters.topic());
            }
            if (letter.decision() != null) {
                return problem(
                        409,
                        "dead letter " + id + " was already "
                                + letter.decision().status() + " by "
                                + letter.decision().operator() + " at "
                                + letter.decision().at());
            }
            DeadLetters.Decision decision = apply(deadLetters, letter, action, operator, reason);
            Map<String, Object> body = summary(letter);
            body.put("status", decision.status());
            body.put("decision", decision);
            return new WebEndpointResponse<>(body, 200);
        } catch (IllegalArgumentException e) {
            return problem(400, e.getMessage());
        } catch (DeadLetters.ReplayFailedException e) {
            return problem(422, e.getMessage());
        }
    }

    @WriteOperation
    public WebEndpointResponse<Object> decideMany(
            String action,
            String operator,
            @Nullable String reason,
            @Nullable String type,
            @Nullable String since,
            @Nullable String until,
            @Nullable Boolean all,
            @Nullable String topic) {
        try {
            checkDecision(action, operator, reason);
            DeadLetters deadLetters = topics.of(topic);
            if (type == null && since == null && until == null && !Boolean.TRUE.equals(all)) {
                throw new IllegalArgumentException(
                        "name the dead letters: type, since or until, or all=true for every open one");
            }
            List<String> done = new ArrayList<>();
            List<Map<String, String>> failed = new ArrayList<>();
            for (DeadLetter letter : deadLetters.open(filter(type, "open", since, until))) {
                try {
                    apply(deadLetters, letter, action, operator, reason);
                    done.add(letter.id());
                } catch (DeadLetters.ReplayFailedException e) {
                    failed.add(Map.of("id", letter.id(), "error", String.valueOf(e.getMessage())));
                }
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("action", action);
            body.put("operator", operator);
            body.put(action.equals("replay") ? "replayed" : "discarded", done);
            body.put("failed", failed);
            body.put("open", deadLetters.openCount());
            body.put("topic", deadLetters.topic());
            return new WebEndpointResponse<>(body, 200);
        } catch (IllegalArgumentException e) {
            return problem(400, e.getMessage());
        }
    }

    private static DeadLetters.Decision apply(
            DeadLetters deadLetters, DeadLetter letter, String action, String operator, @Nullable String reason) {
        return action.equals("replay")
                ? deadLetters.replay(letter, operator)
                : deadLetters.discard(letter, operator, reason);
    }

    private static void checkDecision(String action, String operator, @Nullable String reason) {
        if (!"replay".equals(action) && !"discard".equals(action)) {
            throw new IllegalArgumentException("action must be replay or discard");
        }
        if (operator == null || !OPERATOR.matcher(operator).matches()) {
            throw new IllegalArgumentException(
                    "operator must name who does this (1-100 letters, digits, '.', '_', '@', '+' or '-')");
        }
        if ("discard".equals(action) && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("a discard needs a reason");
        }
        if (reason != null && reason.length() > 1000) {
            throw new IllegalArgumentException("reason must be at most 1000 characters");
        }
    }

    private static Filter filter(
            @Nullable String type, @Nullable String status, @Nullable String since, @Nullable String until) {
        if (status != null && !STATUSES.contains(status)) {
            throw new IllegalArgumentException("status must be one of open, replayed, discarded");
        }
        return new Filter(type, status, instant("since", since), instant("until", until));
    }

    private static @Nullable Instant instant(String name, @Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 instant like 2026-11-30T08:00:00Z");
        }
    }

    private static Map<String, Object> summary(DeadLetter letter) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("id", letter.id());
        summary.put("eventId", letter.eventId());
        summary.put("type", letter.type());
        summary.put("reason", letter.reason());
        summary.put("deadLetteredAt", letter.deadLetteredAt());
        summary.put("status", letter.status());
        summary.put("decision", letter.decision());
        return summary;
    }

    private static WebEndpointResponse<Object> problem(int status, String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put(
                "title",
                status == 404
                        ? "Not Found"
                        : status == 409 ? "Conflict" : status == 422 ? "Unprocessable" : "Bad Request");
        problem.put("status", status);
        problem.put("detail", detail);
        return new WebEndpointResponse<>(problem, status);
    }
}
