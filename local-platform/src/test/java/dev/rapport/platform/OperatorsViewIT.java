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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operators' view on the running platform: after real traffic through the gateway (a contact, an interaction
 * with a promise, the reminder it becomes), every metric a dashboard panel or an alerting rule of {@code ops/}
 * names is exported by at least one service's {@code /actuator/prometheus}; and one request can be followed by
 * its W3C trace id from the gateway to the Kafka record and the consumer that acted on it.
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

    @Test
    void oneRequestIsFollowedByItsTraceIdThroughTheGatewayKafkaAndTheConsumer() throws Exception {
        String traceId = hex(32);
        String traceparent = "00-" + traceId + "-" + hex(16) + "-01";
        String contactId = JSON.readTree(send(
                                "POST",
                                "/api/v1/contacts",
                                Map.of("firstName", "Tomás", "lastName", "Trazas", "tier", "inner", "source", "e2e"),
                                Map.of())
                        .body())
                .path("id")
                .asString();
        HttpResponse<String> logged = send(
                "POST", "/api/v1/interactions", interactionWithAPromise(contactId), Map.of("traceparent", traceparent));
        assertThat(logged.statusCode()).as(logged.body()).isEqualTo(201);

        // The published InteractionLogged carries the request's trace next to its CloudEvents headers ...
        ConsumerRecord<String, byte[]> published =
                recordOfTrace("contacts.events", "rapport.contacts.InteractionLogged.v1", traceId);
        assertThat(header(published, "ce_id")).isNotBlank();
        assertThat(header(published, "traceparent")).matches("00-" + traceId + "-[0-9a-f]{16}-01");

        // ... reminders-service logs its handling of that very event with the trace id ...
        Path log = platform.logsDir().resolve("reminders-service.log");
        String handled = "Handled event " + header(published, "ce_id");
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(Files.readAllLines(log, StandardCharsets.UTF_8))
                        .as("%s in %s", handled, log)
                        .anySatisfy(line -> assertThat(line).contains(handled).contains(traceId)));

        // ... and what it wrote in reaction (the follow-up's ReminderCreated) goes on in the same trace.
        assertThat(header(
                        recordOfTrace("reminders.events", "rapport.reminders.ReminderCreated.v1", traceId), "ce_type"))
                .isEqualTo("rapport.reminders.ReminderCreated.v1");
    }

    /** The first record of {@code type} on {@code topic} whose {@code traceparent} names {@code traceId}. */
    private ConsumerRecord<String, byte[]> recordOfTrace(String topic, String type, String traceId) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrap());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            consumer.assign(consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList());
            consumer.seekToBeginning(consumer.assignment());
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ZERO).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    String traceparent = header(record, "traceparent");
                    if (type.equals(header(record, "ce_type"))
                            && traceparent != null
                            && traceparent.contains(traceId)) {
                        found.add(record);
                    }
                });
                return !found.isEmpty();
            });
            return found.getFirst();
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String hex(int digits) {
        StringBuilder hex = new StringBuilder();
        while (hex.length() < digits) {
            hex.append(UUID.randomUUID().toString().replace("-", ""));
        }
        return hex.substring(0, digits);
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
        HttpResponse<String> logged = send("POST", "/api/v1/interactions", interactionWithAPromise(contactId));
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

    private static Map<String, Object> interactionWithAPromise(String contactId) {
        return Map.of(
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
                        "dueOn", LocalDate.now(ZoneOffset.UTC).plusDays(7).toString())));
    }

    private HttpResponse<String> send(String method, String path, Object body) throws Exception {
        return send(method, path, body, Map.of());
    }

    private HttpResponse<String> send(String method, String path, Object body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        platform.gatewayUrl().resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        headers.forEach(request::header);
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
