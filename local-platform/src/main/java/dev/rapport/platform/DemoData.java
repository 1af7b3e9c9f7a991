package dev.rapport.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads the demo member ({@code demo}, tenant {@code alumni}) through the gateway, as a client would:
 * contacts in every tier, backdated interactions (some past their tier's cadence, so reminders show at
 * once, some with promises) and a content plan. Loading twice changes nothing. Then gives scripts a real
 * API key of the demo member (every scope, {@link #API_KEY_VALIDITY}), created through the gateway with the
 * member's token, in {@code var/demo.env}; the previous demo key is revoked.
 */
public final class DemoData {

    public static final String MEMBER = "demo";
    public static final Duration API_KEY_VALIDITY = Duration.ofDays(30);

    /** The name of the demo's API key, by which the next load finds and revokes it. */
    public static final String API_KEY_NAME = "./rapport run --demo";

    /** Every area with write access, which includes read. */
    static final List<String> API_KEY_SCOPES = List.of("contacts:write", "reminders:write", "content:write");

    /** Long enough to load the demo; scripts get the API key instead. */
    private static final Duration LOADING_TOKEN_VALIDITY = Duration.ofHours(1);

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final String API_KEYS = "/api/v1/me/api-keys";

    /** What {@link #load} did. */
    public record Result(boolean alreadyLoaded, int contacts, int interactions, int promises, Path envFile) {}

    private final HttpClient http;
    private final URI gateway;
    private final TokenIssuer tokens;
    private final Clock clock;

    public DemoData(HttpClient http, URI gateway, TokenIssuer tokens, Clock clock) {
        this.http = http;
        this.gateway = gateway;
        this.tokens = tokens;
        this.clock = clock;
    }

    /**
     * Loads the demo unless the member already has contacts, then writes {@code envFile} with a new API
     * key of the demo member and the gateway URL.
     */
    public Result load(Path envFile) {
        String token = tokens.issue(MEMBER, LOADING_TOKEN_VALIDITY);
        JsonNode existing = send("GET", "/api/v1/contacts", null, null, token, "list the demo member's contacts");
        int existingContacts =
                Math.max(existing.path("total").asInt(0), existing.path("items").size());
        if (existingContacts > 0) {
            writeEnvFile(envFile, newApiKey(token));
            return new Result(true, existingContacts, 0, 0, envFile);
        }

        Map<String, String> contactIds = new HashMap<>();
        for (DemoNetwork.Contact contact : DemoNetwork.CONTACTS) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("firstName", contact.firstName());
            body.put("lastName", contact.lastName());
            body.put("emails", List.of(contact.email()));
            body.put("company", contact.company());
            body.put("title", contact.title());
            body.put("tier", contact.tier());
            body.put("tags", contact.tags());
            body.put("interests", contact.interests());
            body.put("source", "demo");
            JsonNode created = send(
                    "POST",
                    "/api/v1/contacts",
                    body,
                    "rapport-demo-contact-" + contact.key(),
                    token,
                    "create the contact " + contact.firstName() + " " + contact.lastName());
            contactIds.put(contact.key(), requireId(created, "contact " + contact.key()));
        }

        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        int promises = 0;
        for (DemoNetwork.Interaction interaction : DemoNetwork.INTERACTIONS) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("contactIds", List.of(contactIds.get(interaction.contactKey())));
            body.put("type", interaction.type());
            body.put("direction", interaction.direction());
            // Whole days at 10:00 UTC: the same request body all day long, which idempotency keys expect.
            body.put(
                    "occurredAt",
                    today.minusDays(interaction.daysAgo())
                            .atTime(10, 0)
                            .toInstant(ZoneOffset.UTC)
                            .toString());
            body.put("summary", interaction.summary());
            body.put(
                    "promises",
                    interaction.promises().stream()
                            .map(promise -> Map.of(
                                    "owedBy", promise.owedBy(),
                                    "what", promise.what(),
                                    "dueOn", today.plusDays(promise.dueInDays()).toString()))
                            .toList());
            send(
                    "POST",
                    "/api/v1/interactions",
                    body,
                    "rapport-demo-interaction-" + interaction.key(),
                    token,
                    "log the interaction " + interaction.key());
            promises += interaction.promises().size();
        }

        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("brandStatement", "I help alumni founders turn their data into decisions, in Spanish and English.");
        plan.put("pillars", List.of("Data strategy", "Hiring data teams", "Madrid's startup scene"));
        plan.put(
                "cadences",
                List.of(
                        Map.of("channel", "blog", "perPeriod", 1, "period", "month"),
                        Map.of("channel", "linkedin-post", "perPeriod", 1, "period", "week")));
        plan.put("timeZone", "Europe/Madrid");
        send("PUT", "/api/v1/content/plan", plan, null, token, "set the content plan");

        writeEnvFile(envFile, newApiKey(token));
        return new Result(false, DemoNetwork.CONTACTS.size(), DemoNetwork.INTERACTIONS.size(), promises, envFile);
    }

    /**
     * Revokes the demo keys of earlier loads, so that only the key in {@code demo.env} works, and creates
     * a new one (a key is shown only when created).
     */
    private String newApiKey(String token) {
        JsonNode keys = send("GET", API_KEYS, null, null, token, "list the demo member's API keys");
        for (JsonNode key : keys.path("items")) {
            if (API_KEY_NAME.equals(key.path("name").asString(""))
                    && "active".equals(key.path("status").asString(""))) {
                String id = key.path("id").asString();
                send("DELETE", API_KEYS + "/" + id, null, null, token, "revoke the previous demo API key " + id);
            }
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("name", API_KEY_NAME);
        request.put("scopes", API_KEY_SCOPES);
        request.put("expiresAt", clock.instant().plus(API_KEY_VALIDITY).toString());
        JsonNode created = send("POST", API_KEYS, request, null, token, "create the demo member's API key");
        String key = created.path("key").asString("");
        if (key.isBlank()) {
            throw new PlatformException(
                    "Demo: the gateway created an API key but answered no key: " + created.path("id"));
        }
        return key;
    }

    private void writeEnvFile(Path envFile, String apiKey) {
        VarFiles.writeAtomically(
                envFile,
                "# Written by ./rapport run --demo: the gateway and an API key of the demo member (every scope, valid "
                        + API_KEY_VALIDITY.toDays() + " days; revoke it with DELETE /api/v1/me/api-keys/{id}).\n"
                        + "RAPPORT_URL=" + gateway + "\n"
                        + "RAPPORT_API_KEY=" + apiKey + "\n",
                true);
    }

    private static String requireId(JsonNode created, String what) {
        String id = created.path("id").asString("");
        if (id.isBlank()) {
            throw new PlatformException("Demo: the gateway created " + what + " but answered no id: " + created);
        }
        return id;
    }

    private JsonNode send(String method, String path, Object body, String idempotencyKey, String token, String what) {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.resolve(path))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new PlatformException(
                    "Demo: cannot " + what + " (" + method + " " + gateway.resolve(path) + "): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("Demo: interrupted while trying to " + what);
        }
        if (response.statusCode() / 100 != 2) {
            String text = response.body();
            throw new PlatformException("Demo: cannot " + what + ": " + method + " " + path + " answered "
                    + response.statusCode() + " " + (text.length() > 500 ? text.substring(0, 500) + "…" : text));
        }
        String text = response.body();
        return text == null || text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
    }
}
