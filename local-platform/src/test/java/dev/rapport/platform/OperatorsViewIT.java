package dev.rapport.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rapport.ops.OpsDefinitions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operators' view on the running platform: after real traffic through the gateway (a contact, an interaction
 * with a promise, the reminder it becomes), every metric a dashboard panel or an alerting rule of {@code ops/}
 * names is exported by at least one service's {@code /actuator/prometheus}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperatorsViewIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String member = "ops-" + UUID.randomUUID().toString().substring(0, 8);
    private RunningPlatform platform;
    private String token;

    @BeforeAll
    void startPlatform() throws Exception {
        Path varDir = Files.createTempDirectory(Path.of("target"), "ops-var-");
        platform = LocalPlatform.start(new PlatformOptions(
                PlatformOptions.findRepoRoot(),
                varDir,
                TestPorts.freeOffset(),
                true,
                PlatformOptions.DEFAULT_STARTUP_TIMEOUT));
        token = TokenCommand.run(new String[] {member}, varDir);
    }

    @AfterAll
    void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void everyMetricOfTheDashboardsAndAlertsIsExportedByARunningService() throws Exception {
        makeTraffic();
        Map<String, List<String>> used = OpsDefinitions.find(Path.of("")).metricUses();
        assertThat(used).as("metrics used in ops/").isNotEmpty();

        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(3))
                .untilAsserted(() -> {
                    Set<String> exported = exported();
                    Map<String, List<String>> missing = new TreeMap<>();
                    used.forEach((name, where) -> {
                        if (!OpsDefinitions.PROMETHEUS_OWN.contains(name) && !exported.contains(name)) {
                            missing.put(name, where);
                        }
                    });
                    assertThat(missing)
                            .as("metrics named in ops/ that no service exports (exported: %s)", exported)
                            .isEmpty();
                });
    }

    /** Metric names in the Prometheus text format of every process's management port. */
    private Set<String> exported() throws Exception {
        Set<String> names = new TreeSet<>();
        for (Service service : Service.values()) {
            URI uri = URI.create("http://127.0.0.1:" + platform.ports().management(service) + "/actuator/prometheus");
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(response.statusCode()).as(uri.toString()).isEqualTo(200);
            response.body()
                    .lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("[{ ]", 2)[0])
                    .forEach(names::add);
        }
        return names;
    }

    private void makeTraffic() throws Exception {
        HttpResponse<String> created = send(
                "POST",
                "/api/v1/contacts",
                Map.of("firstName", "Olga", "lastName", "Operadora", "tier", "inner", "source", "e2e"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String contactId = JSON.readTree(created.body()).path("id").asString();
        HttpResponse<String> logged = send(
                "POST",
                "/api/v1/interactions",
                Map.of(
                        "contactIds",
                        List.of(contactId),
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
                                "owedBy", "me",
                                "what", "send the article",
                                "dueOn",
                                        LocalDate.now(ZoneOffset.UTC)
                                                .plusDays(7)
                                                .toString()))));
        assertThat(logged.statusCode()).as(logged.body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    HttpResponse<String> reminders = send("GET", "/api/v1/reminders?status=open", null);
                    assertThat(JSON.readTree(reminders.body()).path("items").size())
                            .isPositive();
                });
        assertThat(send("GET", "/api/v1/content/items", null).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> send(String method, String path, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        platform.gatewayUrl().resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
