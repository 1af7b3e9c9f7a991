package dev.rapport.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DemoDataTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T08:00:00Z"), ZoneOffset.UTC);

    /** One request as the fake gateway saw it. */
    record Seen(String method, String path, String idempotencyKey, String authorization, JsonNode body) {}

    @TempDir
    Path varDir;

    private HttpServer gateway;
    private final List<Seen> requests = new CopyOnWriteArrayList<>();
    private final List<String> contacts = new CopyOnWriteArrayList<>();
    private volatile int planStatus = 200;
    private final List<String> liveKeys = new CopyOnWriteArrayList<>();
    private final List<String> revokedKeys = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startFakeGateway() throws IOException {
        gateway = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        gateway.createContext("/", this::handle);
        gateway.start();
    }

    @AfterEach
    void stopFakeGateway() {
        gateway.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        requests.add(new Seen(
                method,
                path,
                exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                exchange.getRequestHeaders().getFirst("Authorization"),
                body.isEmpty() ? null : JSON.readTree(body)));
        String key = method + " " + path;
        switch (key) {
            case "GET /api/v1/contacts" ->
                respond(
                        exchange,
                        200,
                        "{\"items\":[" + String.join(",", contacts) + "],\"total\":" + contacts.size()
                                + ",\"nextCursor\":null}");
            case "POST /api/v1/contacts" -> {
                String id = "c" + (contacts.size() + 1);
                contacts.add("{\"id\":\"" + id + "\"}");
                respond(exchange, 201, "{\"id\":\"" + id + "\",\"nextTouchDueAt\":\"2026-12-01T00:00:00Z\"}");
            }
            case "POST /api/v1/interactions" -> respond(exchange, 201, "{\"id\":\"i" + requests.size() + "\"}");
            case "PUT /api/v1/content/plan" ->
                respond(exchange, planStatus, "{\"detail\":\"plan says " + planStatus + "\"}");
            case "GET /api/v1/me/api-keys" -> {
                List<String> items = new ArrayList<>();
                liveKeys.forEach(id -> items.add(
                        "{\"id\":\"" + id + "\",\"name\":\"" + DemoData.API_KEY_NAME + "\",\"status\":\"active\"}"));
                items.add("{\"id\":\"mine\",\"name\":\"my script\",\"status\":\"active\"}");
                respond(exchange, 200, "{\"items\":[" + String.join(",", items) + "]}");
            }
            case "POST /api/v1/me/api-keys" -> {
                String id = "k" + (liveKeys.size() + revokedKeys.size() + 1);
                liveKeys.add(id);
                respond(exchange, 201, "{\"id\":\"" + id + "\",\"key\":\"rk_live_" + id + "_secret\"}");
            }
            default -> {
                if (method.equals("DELETE") && path.startsWith("/api/v1/me/api-keys/")) {
                    String id = path.substring("/api/v1/me/api-keys/".length());
                    liveKeys.remove(id);
                    revokedKeys.add(id);
                    respond(exchange, 204, "");
                } else {
                    respond(exchange, 404, "{}");
                }
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private DemoData demo() {
        URI url = URI.create("http://127.0.0.1:" + gateway.getAddress().getPort());
        return new DemoData(HttpClient.newHttpClient(), url, TokenIssuer.forVarDir(varDir), CLOCK);
    }

    @Test
    void loadsContactsInEveryTierBackdatedInteractionsWithPromisesAndAContentPlan() {
        DemoData.Result result = demo().load(varDir.resolve("demo.env"));

        assertThat(result.alreadyLoaded()).isFalse();
        List<Seen> created = requests.stream()
                .filter(seen ->
                        seen.path().equals("/api/v1/contacts") && seen.method().equals("POST"))
                .toList();
        assertThat(created).hasSizeGreaterThanOrEqualTo(10);
        assertThat(created.stream().map(seen -> seen.body().path("tier").asString()))
                .contains("inner", "strategic", "regular", "acquaintance");
        assertThat(created.stream()
                        .map(seen -> seen.body().path("firstName").asString() + " "
                                + seen.body().path("lastName").asString()))
                .contains("José Núñez");
        assertThat(created).allSatisfy(seen -> {
            assertThat(seen.body().path("source").asString()).isEqualTo("demo");
            assertThat(seen.body().path("interests").isEmpty()).isFalse();
            assertThat(seen.body().path("tags").isEmpty()).isFalse();
        });

        List<Seen> interactions = requests.stream()
                .filter(seen -> seen.path().equals("/api/v1/interactions"))
                .toList();
        assertThat(interactions)
                .isNotEmpty()
                .allSatisfy(
                        seen -> assertThat(seen.body().path("contactIds").get(0).asString())
                                .startsWith("c"));
        // Older than 90 days: past the inner and strategic cadences, so the demo starts with overdue contacts.
        assertThat(interactions.stream()
                        .map(seen ->
                                Instant.parse(seen.body().path("occurredAt").asString())))
                .anyMatch(at -> at.isBefore(CLOCK.instant().minus(Duration.ofDays(90))));
        assertThat(interactions.stream()
                        .mapToInt(seen -> seen.body().path("promises").size())
                        .sum())
                .isGreaterThanOrEqualTo(2);

        assertThat(requests).anySatisfy(seen -> {
            assertThat(seen.method() + " " + seen.path()).isEqualTo("PUT /api/v1/content/plan");
            assertThat(seen.body().path("timeZone").asString()).isEqualTo("Europe/Madrid");
            assertThat(seen.body().path("cadences").size()).isEqualTo(2);
        });
    }

    @Test
    void everyPostCarriesItsOwnStableIdempotencyKeyAndTheDemoMembersToken() throws Exception {
        demo().load(varDir.resolve("demo.env"));
        List<String> firstKeys = postKeys();
        requests.clear();
        contacts.clear();

        demo().load(varDir.resolve("demo.env"));

        assertThat(firstKeys).doesNotContainNull().doesNotHaveDuplicates();
        assertThat(postKeys()).isEqualTo(firstKeys);
        String authorization = requests.getFirst().authorization();
        assertThat(authorization).startsWith("Bearer ");
        assertThat(SignedJWT.parse(authorization.substring("Bearer ".length()))
                        .getJWTClaimsSet()
                        .getSubject())
                .isEqualTo("demo");
    }

    @Test
    void secondLoadFindsTheContactsAndCreatesNothing() {
        demo().load(varDir.resolve("demo.env"));
        requests.clear();

        DemoData.Result again = demo().load(varDir.resolve("demo.env"));

        assertThat(again.alreadyLoaded()).isTrue();
        assertThat(requests)
                .filteredOn(seen -> !seen.path().startsWith("/api/v1/me/api-keys"))
                .extracting(Seen::method)
                .containsOnly("GET");
    }

    @Test
    void demoEnvHoldsTheGatewayUrlAndANewThirtyDayApiKeyWithEveryScopeCreatedWithTheMembersToken() throws Exception {
        demo().load(varDir.resolve("demo.env"));

        List<String> lines = Files.readAllLines(varDir.resolve("demo.env"));
        assertThat(lines)
                .contains("RAPPORT_URL=http://127.0.0.1:" + gateway.getAddress().getPort())
                .contains("RAPPORT_API_KEY=rk_live_k1_secret");
        Seen creation = requests.stream()
                .filter(seen -> seen.method().equals("POST") && seen.path().equals("/api/v1/me/api-keys"))
                .findFirst()
                .orElseThrow();
        assertThat(creation.body().path("name").asString()).isEqualTo(DemoData.API_KEY_NAME);
        assertThat(creation.body().path("scopes").toString())
                .contains("contacts:write", "reminders:write", "content:write");
        assertThat(Instant.parse(creation.body().path("expiresAt").asString()))
                .isEqualTo(CLOCK.instant().plus(Duration.ofDays(30)));
        assertThat(SignedJWT.parse(creation.authorization().substring("Bearer ".length()))
                        .getJWTClaimsSet()
                        .getSubject())
                .isEqualTo("demo");
    }

    @Test
    void nextLoadRevokesThePreviousDemoKeyAndLeavesTheMembersOtherKeysAlone() throws Exception {
        demo().load(varDir.resolve("demo.env"));

        demo().load(varDir.resolve("demo.env"));

        assertThat(revokedKeys).containsExactly("k1");
        assertThat(liveKeys).containsExactly("k2");
        assertThat(Files.readAllLines(varDir.resolve("demo.env"))).contains("RAPPORT_API_KEY=rk_live_k2_secret");
    }

    @Test
    void failingCallIsReportedWithItsStatusAndBody() {
        planStatus = 500;

        assertThatThrownBy(() -> demo().load(varDir.resolve("demo.env")))
                .isInstanceOf(PlatformException.class)
                .hasMessageContaining("PUT /api/v1/content/plan answered 500")
                .hasMessageContaining("plan says 500");
    }

    private List<String> postKeys() {
        List<String> keys = new ArrayList<>();
        // Creating an API key is not idempotent by design (the key is shown once): the next load replaces it.
        requests.stream()
                .filter(seen -> seen.method().equals("POST") && !seen.path().startsWith("/api/v1/me/api-keys"))
                .forEach(seen -> keys.add(seen.idempotencyKey()));
        return keys;
    }
}
