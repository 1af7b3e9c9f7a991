package dev.rapport.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform's security properties end to end, on the packaged services behind the gateway: another member's ids
 * answer 404 and change nothing on every resource endpoint the services document (BOLA), server-managed fields cannot
 * be set by a client (mass assignment), a service refuses a forged identity, the published OpenAPI documents are valid,
 * and the demo's API key works.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiSecurityIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> SERVICES = List.of("contacts", "reminders", "content");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "patch", "delete");
    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");

    /**
     * Templated endpoints that do not name a member's resource, and why. Every other templated endpoint of the
     * documents must be covered by {@link #ownerIds}: a new one that is not fails the BOLA test.
     */
    private static final Map<String, String> NOT_MEMBER_RESOURCES = Map.of(
            "POST /api/v1/imports/{format}", "{format} is a file format (linkedin, vcard), not a stored resource",
            "GET /api/v1/calendar/{token}.ics", "the feed's secret token is the credential: see unknownFeedToken…");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String alice = "alice-" + UUID.randomUUID().toString().substring(0, 8);
    private final String mallory = "mallory-" + UUID.randomUUID().toString().substring(0, 8);
    private Path varDir;
    private RunningPlatform platform;
    private String aliceToken;
    private String malloryToken;
    private Map<String, String> alicesIds;

    @BeforeAll
    void startPlatform() throws IOException {
        varDir = Files.createTempDirectory(Path.of("target"), "security-var-");
        platform = LocalPlatform.start(new PlatformOptions(
                PlatformOptions.findRepoRoot(),
                varDir,
                TestPorts.freeOffset(),
                true,
                PlatformOptions.DEFAULT_STARTUP_TIMEOUT));
        aliceToken = TokenCommand.run(new String[] {alice}, varDir);
        malloryToken = TokenCommand.run(new String[] {mallory}, varDir);
    }

    @AfterAll
    void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void anotherMembersIdsAnswer404AndChangeNothingOnEveryDocumentedResourceEndpoint() throws Exception {
        Map<String, String> ids = alicesResources();
        Map<String, String> before = stableSnapshotOfAlice(ids);

        Map<String, Integer> answers = new TreeMap<>();
        List<String> uncovered = new ArrayList<>();
        for (String operation : templatedOperations()) {
            if (NOT_MEMBER_RESOURCES.containsKey(operation)) {
                continue;
            }
            String method = operation.substring(0, operation.indexOf(' '));
            String template = operation.substring(operation.indexOf(' ') + 1);
            String path = resolve(template, ids);
            if (path == null) {
                uncovered.add(operation);
                continue;
            }
            HttpResponse<String> answer =
                    send(malloryToken, method, path, bodyFor(method, template), ifMatchFor(method, path));
            answers.put(operation + " -> " + path, answer.statusCode());
        }

        assertThat(uncovered)
                .as("templated endpoints without an owner resource in this test: add them to ownerIds or"
                        + " NOT_MEMBER_RESOURCES")
                .isEmpty();
        assertThat(answers)
                .isNotEmpty()
                .allSatisfy(
                        (operation, status) -> assertThat(status).as(operation).isEqualTo(404));
        assertThat(snapshotOfAlice(ids)).isEqualTo(before);
        // The feed's sync status may change in the background: that it is still there is what matters.
        assertThat(send(aliceToken, "GET", "/api/v1/content/feeds", null, null).body())
                .contains(ids.get("feed"));
    }

    @Test
    void anotherMembersListsNeverShowAlicesResources() throws Exception {
        Map<String, String> ids = alicesResources();

        for (String list : List.of(
                "/api/v1/contacts",
                "/api/v1/goals",
                "/api/v1/groups",
                "/api/v1/reminders?status=open",
                "/api/v1/routines",
                "/api/v1/webhooks",
                "/api/v1/content/items",
                "/api/v1/content/feeds",
                "/api/v1/sync/calendars",
                "/api/v1/sync/mailboxes")) {
            HttpResponse<String> answer = send(malloryToken, "GET", list, null, null);
            assertThat(answer.statusCode()).as(list).isEqualTo(200);
            for (String id : ids.values()) {
                assertThat(answer.body()).as(list).doesNotContain(id);
            }
        }
    }

    @Test
    void unknownFeedTokenAnswers404WithoutCredentials() throws Exception {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);

        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(api("/api/v1/calendar/" + token + ".ics"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(404);
    }

    @Test
    void serverManagedFieldsSentByAClientAreIgnoredAndTheOwnerIsTheCaller() throws Exception {
        String chosenId = "65f0c0ffee0000000000beef";
        Map<String, Object> forged = new LinkedHashMap<>();
        forged.put("id", chosenId);
        forged.put("memberId", alice);
        forged.put("tenantId", "another-tenant");
        forged.put("version", 42);
        forged.put("createdAt", "2001-01-01T00:00:00Z");
        forged.put("updatedAt", "2001-01-01T00:00:00Z");

        Map<String, Object> contact = new LinkedHashMap<>(forged);
        contact.putAll(Map.of(
                "firstName", "Eve",
                "lastName", "Assigned",
                "tier", "inner",
                "nextTouchDueAt", "2001-01-01T00:00:00Z",
                "lastInteractionAt", "2001-01-01T00:00:00Z",
                "archived", true));
        Map<String, Object> reminder = new LinkedHashMap<>(forged);
        reminder.putAll(Map.of(
                "title", "Assigned reminder",
                "dueOn", LocalDate.now(ZoneOffset.UTC).plusDays(3).toString(),
                "status", "completed",
                "kind", "follow-up"));
        Map<String, Object> item = new LinkedHashMap<>(forged);
        item.putAll(Map.of(
                "title", "Assigned item",
                "channel", "blog",
                "format", "article",
                "publishedAt", "2001-01-01T00:00:00Z"));
        Map<String, Object> goal = new LinkedHashMap<>(forged);
        goal.put("title", "Assigned goal");

        Map<String, JsonNode> created = new LinkedHashMap<>();
        created.put("/api/v1/contacts", create(malloryToken, "/api/v1/contacts", contact));
        created.put("/api/v1/reminders", create(malloryToken, "/api/v1/reminders", reminder));
        created.put("/api/v1/content/items", create(malloryToken, "/api/v1/content/items", item));
        created.put("/api/v1/goals", create(malloryToken, "/api/v1/goals", goal));

        created.forEach((collection, resource) -> {
            String id = resource.path("id").asString();
            assertThat(id).as(collection).isNotBlank().isNotEqualTo(chosenId);
            assertThat(resource.path("memberId").asString(mallory))
                    .as(collection)
                    .isEqualTo(mallory);
            assertThat(resource.path("tenantId").asString("alumni"))
                    .as(collection)
                    .isEqualTo("alumni");
            assertThat(resource.path("version").asInt(0)).as(collection).isNotEqualTo(42);
            if (resource.has("createdAt")) {
                assertThat(Instant.parse(resource.path("createdAt").asString()))
                        .as(collection)
                        .isAfter(Instant.now().minus(Duration.ofHours(1)));
            }
        });
        JsonNode storedContact = JSON.readTree(send(
                        malloryToken,
                        "GET",
                        "/api/v1/contacts/"
                                + created.get("/api/v1/contacts").path("id").asString(),
                        null,
                        null)
                .body());
        assertThat(storedContact.path("archived").asBoolean(false)).isFalse();
        assertThat(storedContact.path("nextTouchDueAt").asString("")).doesNotStartWith("2001");
        assertThat(storedContact.path("lastInteractionAt").asString("")).doesNotStartWith("2001");
        assertThat(created.get("/api/v1/reminders").path("status").asString()).isEqualTo("open");
        assertThat(created.get("/api/v1/reminders").path("kind").asString()).isNotEqualTo("follow-up");
        assertThat(created.get("/api/v1/content/items").path("publishedAt").asString(""))
                .doesNotStartWith("2001");

        // Nothing landed in alice's account, and the chosen id names nothing.
        for (String collection : created.keySet()) {
            HttpResponse<String> alices = send(aliceToken, "GET", collection, null, null);
            assertThat(alices.body()).as(collection).doesNotContain("Assigned");
            assertThat(send(malloryToken, "GET", collection + "/" + chosenId, null, null)
                            .statusCode())
                    .as(collection)
                    .isEqualTo(404);
        }
    }

    @Test
    void serviceCalledDirectlyRefusesAMissingForgedExpiredOrReplayedIdentity() throws Exception {
        URI contacts = URI.create("http://127.0.0.1:" + platform.ports().http(Service.CONTACTS) + "/api/v1/contacts");
        byte[] stranger = new byte[32];
        new SecureRandom().nextBytes(stranger);
        byte[] real = platform.secrets().identitySecret().getBytes(StandardCharsets.UTF_8);
        long inAMinute = Instant.now().plusSeconds(60).getEpochSecond();
        long aMinuteAgo = Instant.now().minusSeconds(60).getEpochSecond();

        Map<String, String> identities = new LinkedHashMap<>();
        identities.put("forged with another secret", assertion(alice, inAMinute, stranger));
        identities.put("expired", assertion(alice, aMinuteAgo, real));
        identities.put("plain member header", alice);
        identities.put("made for another service", assertion(alice, inAMinute, real, "GET /api/v1/reminders"));
        identities.put("made for another method", assertion(alice, inAMinute, real, "DELETE /api/v1/contacts"));
        for (Map.Entry<String, String> identity : identities.entrySet()) {
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(contacts)
                            .header("X-Rapport-Identity", identity.getValue())
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(identity.getKey()).isEqualTo(401);
        }
        HttpResponse<String> none =
                http.send(HttpRequest.newBuilder(contacts).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(none.statusCode()).isEqualTo(401);
        // The control: the same request with a valid assertion is served.
        HttpResponse<String> valid = http.send(
                HttpRequest.newBuilder(contacts)
                        .header("X-Rapport-Identity", assertion(alice, inAMinute, real))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(valid.statusCode()).isEqualTo(200);
    }

    @Test
    void publishedOpenApiDocumentsAreValidAndDeclareTheBearerScheme() throws Exception {
        List<String> documents = new ArrayList<>(
                SERVICES.stream().map(service -> "/v3/api-docs/" + service).toList());
        documents.add("/v3/api-docs");
        for (String document : documents) {
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(api(document)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(document).isEqualTo(200);

            ParseOptions options = new ParseOptions();
            options.setResolve(true);
            SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(answer.body(), null, options);

            assertThat(parsed.getMessages()).as(document).isEmpty();
            assertThat(parsed.getOpenAPI()).as(document).isNotNull();
            assertThat(parsed.getOpenAPI().getOpenapi()).as(document).startsWith("3.");
            assertThat(parsed.getOpenAPI().getComponents().getSecuritySchemes())
                    .as(document)
                    .containsKey("bearerAuth");
            assertThat(parsed.getOpenAPI().getServers().getFirst().getUrl())
                    .as(document)
                    .isEqualTo("/");
        }
    }

    @Test
    void demoEnvHoldsAWorkingApiKeyThatCannotManageKeys() throws Exception {
        DemoData.Result result = platform.loadDemo();

        String key = Files.readAllLines(result.envFile()).stream()
                .filter(line -> line.startsWith("RAPPORT_API_KEY="))
                .findFirst()
                .orElseThrow()
                .substring("RAPPORT_API_KEY=".length());
        assertThat(key).startsWith("rk_live_");
        HttpResponse<String> contacts = send(key, "GET", "/api/v1/contacts", null, null);
        assertThat(contacts.statusCode()).as(contacts.body()).isEqualTo(200);
        assertThat(JSON.readTree(contacts.body()).path("items")).isNotEmpty();
        assertThat(send(key, "GET", "/api/v1/me/api-keys", null, null).statusCode())
                .isEqualTo(403);
    }

    /** Alice's resources, created once: every kind a templated endpoint can name. */
    private Map<String, String> alicesResources() throws Exception {
        if (alicesIds != null) {
            return alicesIds;
        }
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put(
                "contact",
                id(create(
                        aliceToken,
                        "/api/v1/contacts",
                        Map.of(
                                "firstName",
                                "Ana Sofía",
                                "lastName",
                                "Ibáñez",
                                "tier",
                                "inner",
                                "tags",
                                List.of("bola")))));
        JsonNode interaction = create(
                aliceToken,
                "/api/v1/interactions",
                Map.of(
                        "contactIds",
                        List.of(ids.get("contact")),
                        "type",
                        "coffee",
                        "direction",
                        "mutual",
                        "occurredAt",
                        Instant.now()
                                .minus(1, ChronoUnit.DAYS)
                                .truncatedTo(ChronoUnit.SECONDS)
                                .toString(),
                        "summary",
                        "Coffee",
                        "promises",
                        List.of(Map.of(
                                "owedBy",
                                "me",
                                "what",
                                "send the article",
                                "dueOn",
                                LocalDate.now(ZoneOffset.UTC).plusDays(7).toString()))));
        ids.put("interaction", id(interaction));
        ids.put("promise", interaction.path("promises").get(0).path("id").asString());
        ids.put("goal", id(create(aliceToken, "/api/v1/goals", Map.of("title", "Join a board"))));
        ids.put("group", id(create(aliceToken, "/api/v1/groups", Map.of("name", "Data Madrid", "kind", "meetup"))));
        ids.put(
                "reminder",
                id(create(
                        aliceToken,
                        "/api/v1/reminders",
                        Map.of(
                                "title",
                                "Call Ana",
                                "dueOn",
                                LocalDate.now(ZoneOffset.UTC).plusDays(2).toString()))));
        // Starts in two days, whatever Alice's time zone: a routine due today is fired (and advanced) by the
        // reminders sweep at any moment, which would change it between this test's two snapshots.
        ids.put(
                "routine",
                id(create(
                        aliceToken,
                        "/api/v1/routines",
                        Map.of(
                                "preset",
                                "profile-review",
                                "startOn",
                                LocalDate.now(ZoneOffset.UTC).plusDays(2).toString()))));
        ids.put(
                "webhook",
                id(create(
                        aliceToken,
                        "/api/v1/webhooks",
                        Map.of("url", "https://hooks.example.org/alice", "types", List.of("rapport.reminders.")))));
        // Capture sources, at documentation addresses (RFC 5737): accepted, and their syncs only record an error.
        ids.put(
                "calendar",
                id(create(aliceToken, "/api/v1/sync/calendars", Map.of("url", "https://192.0.2.10/alice.ics"))));
        ids.put(
                "mailbox",
                id(create(
                        aliceToken,
                        "/api/v1/sync/mailboxes",
                        Map.of("host", "192.0.2.11", "username", "alice@example.org", "password", "app-password"))));
        ids.put(
                "item",
                id(create(
                        aliceToken,
                        "/api/v1/content/items",
                        Map.of("title", "Feature stores", "channel", "blog", "format", "article"))));
        ids.put(
                "feed",
                id(create(
                        aliceToken,
                        "/api/v1/content/feeds",
                        // A documentation address (RFC 5737): public, so accepted, and never synced here.
                        Map.of("url", "https://192.0.2.10/feed.xml", "channel", "blog"))));
        // A possible duplicate: two of alice's contacts share a name and a company, so a LinkedIn row with that
        // name and company could be either; it is imported as its own contact and offered as a possible duplicate
        // of both (docs/imports.md).
        for (int i = 0; i < 2; i++) {
            create(
                    aliceToken,
                    "/api/v1/contacts",
                    Map.of("firstName", "Inés", "lastName", "Quiroga", "company", "Acme"));
        }
        HttpResponse<String> imported = upload(
                aliceToken,
                linkedIn(
                        List.of("Inés,Quiroga,https://www.linkedin.com/in/ines-quiroga-2,,Acme,Engineer,12 Mar 2024")));
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        JsonNode duplicates = JSON.readTree(send(aliceToken, "GET", "/api/v1/contacts/duplicates", null, null)
                .body());
        assertThat(duplicates.path("items").isEmpty()).as(imported.body()).isFalse();
        ids.put("duplicate", id(duplicates.path("items").get(0)));
        // An import job: files over 1 MB are imported in the background (202 + Location of the job).
        List<String> rows = new java.util.ArrayList<>();
        String position = "Engineer " + "x".repeat(900);
        for (int i = 0; rows.size() * 1_000 < 1_200_000; i++) {
            rows.add("Job,Row" + i + ",https://www.linkedin.com/in/job-row-" + i + ",,Acme," + position
                    + ",12 Mar 2024");
        }
        HttpResponse<String> job = upload(aliceToken, linkedIn(rows));
        assertThat(job.statusCode()).as(job.body()).isEqualTo(202);
        String location = job.headers().firstValue("Location").orElseThrow();
        ids.put("job", location.substring(location.lastIndexOf('/') + 1));
        // An erasure request of a third member: alice's own account must stay intact for the other checks.
        String carol = TokenCommand.run(
                new String[] {"carol-" + UUID.randomUUID().toString().substring(0, 8)}, varDir);
        HttpResponse<String> erasure = send(carol, "DELETE", "/api/v1/me", null, null);
        assertThat(erasure.statusCode()).as(erasure.body()).isEqualTo(202);
        ids.put("erasure", id(JSON.readTree(erasure.body())));
        alicesIds = ids;
        return ids;
    }

    /** Which of alice's resources a templated path names, by its collection; null when the test has none. */
    private static String resolve(String template, Map<String, String> ids) {
        Map<String, String> owner = ownerIds(template, ids);
        if (owner == null) {
            return null;
        }
        Matcher variables = VARIABLE.matcher(template);
        StringBuilder path = new StringBuilder();
        while (variables.find()) {
            String value = owner.get(variables.group(1));
            if (value == null) {
                return null;
            }
            variables.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        variables.appendTail(path);
        return path.toString();
    }

    private static Map<String, String> ownerIds(String template, Map<String, String> ids) {
        Map<String, String> byPrefix = new LinkedHashMap<>();
        byPrefix.put("/api/v1/contacts/duplicates/{", "duplicate");
        byPrefix.put("/api/v1/imports/jobs/{", "job");
        byPrefix.put("/api/v1/contacts/{", "contact");
        byPrefix.put("/api/v1/interactions/{", "interaction");
        byPrefix.put("/api/v1/goals/{", "goal");
        byPrefix.put("/api/v1/groups/{", "group");
        byPrefix.put("/api/v1/reminders/{", "reminder");
        byPrefix.put("/api/v1/routines/{", "routine");
        byPrefix.put("/api/v1/webhooks/{", "webhook");
        byPrefix.put("/api/v1/sync/calendars/{", "calendar");
        byPrefix.put("/api/v1/sync/mailboxes/{", "mailbox");
        byPrefix.put("/api/v1/content/items/{", "item");
        byPrefix.put("/api/v1/content/feeds/{", "feed");
        byPrefix.put("/api/v1/me/erasure/{", "erasure");
        for (Map.Entry<String, String> entry : byPrefix.entrySet()) {
            if (template.startsWith(entry.getKey())) {
                Map<String, String> values = new HashMap<>();
                values.put("id", ids.get(entry.getValue()));
                values.put("promiseId", ids.get("promise"));
                // The first entry of the subscription's delivery log: its ids are numbered.
                values.put("deliveryId", ids.get("webhook") + "_0000000001");
                return values;
            }
        }
        return null;
    }

    /** A body the endpoint accepts, so that its answer is about ownership and not about the body. */
    private static Object bodyFor(String method, String template) {
        if (method.equals("GET") || method.equals("DELETE")) {
            return null;
        }
        if (template.endsWith("/milestones")) {
            return Map.of("kind", "award", "title", "Hijacked", "date", "2020-01-01");
        }
        if (template.endsWith("/participations")) {
            return Map.of(
                    "kind",
                    "post",
                    "occurredAt",
                    Instant.now()
                            .minusSeconds(3600)
                            .truncatedTo(ChronoUnit.SECONDS)
                            .toString());
        }
        if (template.endsWith("/snooze")) {
            return Map.of("until", LocalDate.now(ZoneOffset.UTC).plusDays(3).toString());
        }
        if (template.endsWith("/schedule")) {
            return Map.of(
                    "scheduledFor",
                    Instant.now()
                            .plus(2, ChronoUnit.DAYS)
                            .truncatedTo(ChronoUnit.SECONDS)
                            .toString());
        }
        if (template.contains("/promises/")) {
            return Map.of("done", true);
        }
        if (method.equals("PATCH") && template.startsWith("/api/v1/sync/")) {
            return Map.of("name", "Hijacked");
        }
        if (method.equals("PATCH")) {
            return Map.of("title", "Hijacked");
        }
        return Map.of();
    }

    /** Alice's ETag of a resource mallory tries to change: the strongest attempt, with the current version. */
    private String ifMatchFor(String method, String path) throws Exception {
        if (!method.equals("PATCH") && !method.equals("PUT") && !method.equals("DELETE")) {
            return null;
        }
        HttpResponse<String> current = send(aliceToken, "GET", path, null, null);
        return current.headers().firstValue("ETag").orElse(null);
    }

    /** {@code METHOD /path} of every operation with a path variable in the services' published documents. */
    private List<String> templatedOperations() throws Exception {
        List<String> operations = new ArrayList<>();
        for (String service : SERVICES) {
            HttpResponse<String> document = http.send(
                    HttpRequest.newBuilder(api("/v3/api-docs/" + service)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(document.statusCode()).as(service).isEqualTo(200);
            JsonNode paths = JSON.readTree(document.body()).path("paths");
            for (String path : paths.propertyNames()) {
                if (!path.contains("{")) {
                    continue;
                }
                for (String method : paths.path(path).propertyNames()) {
                    if (METHODS.contains(method)) {
                        operations.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path);
                    }
                }
            }
        }
        assertThat(operations).as("the documents list templated endpoints").isNotEmpty();
        return operations;
    }

    /** What alice can read of her resources, once it has stopped changing (events settle asynchronously). */
    private Map<String, String> stableSnapshotOfAlice(Map<String, String> ids) {
        AtomicReference<Map<String, String>> last = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> {
                    Map<String, String> now = snapshotOfAlice(ids);
                    return now.equals(last.getAndSet(now));
                });
        return last.get();
    }

    private Map<String, String> snapshotOfAlice(Map<String, String> ids) throws Exception {
        Map<String, String> snapshot = new TreeMap<>();
        Map<String, String> reads = Map.of(
                "contact", "/api/v1/contacts/",
                "interaction", "/api/v1/interactions/",
                "goal", "/api/v1/goals/",
                "group", "/api/v1/groups/",
                "reminder", "/api/v1/reminders/",
                "routine", "/api/v1/routines/",
                "webhook", "/api/v1/webhooks/",
                "item", "/api/v1/content/items/");
        for (Map.Entry<String, String> read : reads.entrySet()) {
            HttpResponse<String> answer = send(aliceToken, "GET", read.getValue() + ids.get(read.getKey()), null, null);
            assertThat(answer.statusCode()).as(read.getKey()).isEqualTo(200);
            snapshot.put(read.getKey(), answer.body());
        }
        snapshot.put(
                "milestones",
                send(aliceToken, "GET", "/api/v1/contacts/" + ids.get("contact") + "/milestones", null, null)
                        .body());
        snapshot.put(
                "participations",
                send(aliceToken, "GET", "/api/v1/groups/" + ids.get("group") + "/participations", null, null)
                        .body());
        snapshot.put(
                "feeds",
                send(aliceToken, "GET", "/api/v1/content/feeds", null, null).body());
        for (Map.Entry<String, String> source : Map.of(
                        "calendar", "/api/v1/sync/calendars/", "mailbox", "/api/v1/sync/mailboxes/")
                .entrySet()) {
            HttpResponse<String> answer =
                    send(aliceToken, "GET", source.getValue() + ids.get(source.getKey()), null, null);
            assertThat(answer.statusCode()).as(source.getKey()).isEqualTo(200);
            // Its sync status changes in the background (a documentation address is never reached): what another
            // member's PATCH or DELETE could change is that it is there, its name and its settings.
            JsonNode view = JSON.readTree(answer.body());
            snapshot.put(
                    source.getKey(),
                    view.path("name").asString() + " summaries="
                            + view.path("summaries").asBoolean() + " paused="
                            + view.path("paused").asBoolean());
        }
        return snapshot;
    }

    private JsonNode create(String token, String path, Map<String, Object> body) throws Exception {
        HttpResponse<String> created = send(token, "POST", path, body, null);
        assertThat(created.statusCode()).as(path + ": " + created.body()).isEqualTo(201);
        return JSON.readTree(created.body());
    }

    private static String id(JsonNode resource) {
        String id = resource.path("id").asString("");
        assertThat(id).as(resource.toString()).isNotBlank();
        return id;
    }

    private HttpResponse<String> send(String token, String method, String path, Object body, String ifMatch)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(api(path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** A LinkedIn Connections.csv in LinkedIn's layout with these data rows. */
    private static byte[] linkedIn(List<String> rows) {
        StringBuilder csv =
                new StringBuilder("First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n");
        rows.forEach(row -> csv.append(row).append("\r\n"));
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private HttpResponse<String> upload(String token, byte[] csv) throws Exception {
        return http.send(
                HttpRequest.newBuilder(api("/api/v1/imports/linkedin"))
                        .timeout(Duration.ofSeconds(60))
                        .header("Authorization", "Bearer " + token)
                        .header("Accept", "application/json")
                        .header("Content-Type", "text/csv")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(csv))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private URI api(String path) {
        return platform.gatewayUrl().resolve(path);
    }

    /** An identity assertion in the gateway's wire form for {@code GET /api/v1/contacts}, signed with {@code secret}. */
    private static String assertion(String member, long expiresEpochSecond, byte[] secret)
            throws GeneralSecurityException {
        return assertion(member, expiresEpochSecond, secret, "GET /api/v1/contacts");
    }

    /** An identity assertion in the gateway's wire form for the request {@code "METHOD path"}. */
    private static String assertion(String member, long expiresEpochSecond, byte[] secret, String request)
            throws GeneralSecurityException {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String body = b64.encodeToString(
                (member + "|alumni|contacts:write,content:write,reminders:write|" + expiresEpochSecond)
                        .getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        return "v2." + body + "."
                + b64.encodeToString(mac.doFinal((body + "\n" + request).getBytes(StandardCharsets.UTF_8)));
    }
}
