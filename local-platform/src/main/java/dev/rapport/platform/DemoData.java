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

    record Contact(
            String key,
            String firstName,
            String lastName,
            String email,
            String company,
            String title,
            String tier,
            List<String> tags,
            List<String> interests) {}

    record Promise(String owedBy, String what, int dueInDays) {}

    record Interaction(
            String key,
            String contactKey,
            String type,
            String direction,
            int daysAgo,
            String summary,
            List<Promise> promises) {}

    static final List<Contact> CONTACTS = List.of(
            new Contact(
                    "jose-nunez",
                    "José",
                    "Núñez",
                    "jose.nunez@example.com",
                    "Banco Meridional",
                    "Head of Data",
                    "inner",
                    List.of("mentor", "madrid", "class-of-2012"),
                    List.of("machine learning", "cycling")),
            new Contact(
                    "maria-pena",
                    "María",
                    "Peña Álvarez",
                    "maria.pena@example.com",
                    "Iberia Ventures",
                    "Partner",
                    "strategic",
                    List.of("investor", "madrid"),
                    List.of("fintech", "climate tech")),
            new Contact(
                    "ana-ibanez",
                    "Ana Sofía",
                    "Ibáñez",
                    "ana.ibanez@example.org",
                    "Cabify",
                    "Engineering Manager",
                    "inner",
                    List.of("former-colleague", "hiring"),
                    List.of("platform engineering", "running")),
            new Contact(
                    "sergio-munoz",
                    "Sergio",
                    "Muñoz",
                    "sergio.munoz@example.com",
                    "Telefónica Tech",
                    "Solutions Architect",
                    "regular",
                    List.of("class-of-2012"),
                    List.of("cloud", "football")),
            new Contact(
                    "lucia-fernandez",
                    "Lucía",
                    "Fernández",
                    "lucia.fernandez@example.org",
                    "Universidad de Salamanca",
                    "Career Advisor",
                    "acquaintance",
                    List.of("alumni-office"),
                    List.of("mentoring")),
            new Contact(
                    "priya-raman",
                    "Priya",
                    "Raman",
                    "priya.raman@example.com",
                    "Northwind Analytics",
                    "VP Product",
                    "strategic",
                    List.of("speaker", "london"),
                    List.of("product management", "data strategy")),
            new Contact(
                    "tom-becker",
                    "Tom",
                    "Becker",
                    "tom.becker@example.com",
                    "Contoso",
                    "Data Engineer",
                    "regular",
                    List.of("former-colleague", "berlin"),
                    List.of("streaming", "climbing")),
            new Contact(
                    "chloe-martin",
                    "Chloé",
                    "Martin",
                    "chloe.martin@example.org",
                    "Fabrikam",
                    "Recruiter",
                    "acquaintance",
                    List.of("hiring", "paris"),
                    List.of("talent")),
            new Contact(
                    "inigo-echeverria",
                    "Íñigo",
                    "Echeverría",
                    "inigo.echeverria@example.com",
                    "Basque Robotics",
                    "Founder",
                    "strategic",
                    List.of("founder", "bilbao"),
                    List.of("robotics", "fundraising")),
            new Contact(
                    "ngozi-okafor",
                    "Ngozi",
                    "Okafor",
                    "ngozi.okafor@example.com",
                    "Lagos Fintech Hub",
                    "COO",
                    "inner",
                    List.of("mentor"),
                    List.of("payments", "leadership")));

    /**
     * Five interactions are older than their tier's default cadence (contacts-service: inner 30 days,
     * strategic 60, regular 120, acquaintance 365), so the demo starts with overdue contacts; the others
     * are recent, and three carry promises (one already past due).
     */
    static final List<Interaction> INTERACTIONS = List.of(
            new Interaction(
                    "jose-coffee",
                    "jose-nunez",
                    "coffee",
                    "mutual",
                    70,
                    "Coffee near Retiro: his team is moving to a lakehouse; asked about feature stores.",
                    List.of(new Promise("me", "send the article on feature stores", -10))),
            new Interaction(
                    "maria-meeting",
                    "maria-pena",
                    "meeting",
                    "outbound",
                    120,
                    "Pitched the analytics side project; she wants to see traction first.",
                    List.of()),
            new Interaction(
                    "ana-call",
                    "ana-ibanez",
                    "call",
                    "inbound",
                    5,
                    "She is hiring two data engineers and offered an intro.",
                    List.of(new Promise("them", "intro to the hiring manager at Cabify", 7))),
            new Interaction(
                    "sergio-email",
                    "sergio-munoz",
                    "email",
                    "outbound",
                    200,
                    "Congratulated him on the new role.",
                    List.of()),
            new Interaction(
                    "lucia-event",
                    "lucia-fernandez",
                    "event",
                    "mutual",
                    30,
                    "Alumni homecoming: talked about mentoring this year's graduates.",
                    List.of()),
            new Interaction(
                    "priya-meeting",
                    "priya-raman",
                    "meeting",
                    "mutual",
                    20,
                    "Panel prep for the data strategy meetup.",
                    List.of(new Promise("me", "share the slides from the panel", 3))),
            new Interaction(
                    "tom-message",
                    "tom-becker",
                    "message",
                    "inbound",
                    40,
                    "Asked how we run Kafka in production.",
                    List.of()),
            new Interaction(
                    "chloe-event", "chloe-martin", "event", "mutual", 400, "Met at the Paris career fair.", List.of()),
            new Interaction(
                    "inigo-coffee",
                    "inigo-echeverria",
                    "coffee",
                    "outbound",
                    95,
                    "Heard about his seed round; robotics for small factories.",
                    List.of()));

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
        for (Contact contact : CONTACTS) {
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
        for (Interaction interaction : INTERACTIONS) {
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
        return new Result(false, CONTACTS.size(), INTERACTIONS.size(), promises, envFile);
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
