package dev.rapport.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
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
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole platform end to end, as {@code ./rapport run} starts it: real Kafka broker, MongoDB-wire
 * server, the four packaged services, and every call through the gateway with a member token.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalPlatformIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration ASYNC = Duration.ofSeconds(90);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String member = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
    private Path varDir;
    private PlatformOptions options;
    private RunningPlatform platform;
    private String token;

    /** On a failure, the end of every process's log: the reason is usually there, not in the assertion. */
    @RegisterExtension
    final TestWatcher logsOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            printLogTails();
        }
    };

    @BeforeAll
    void startPlatform() throws IOException {
        varDir = Files.createTempDirectory(Path.of("target"), "e2e-var-");
        options = new PlatformOptions(
                PlatformOptions.findRepoRoot(),
                varDir,
                TestPorts.freeOffset(),
                true,
                PlatformOptions.DEFAULT_STARTUP_TIMEOUT);
        platform = LocalPlatform.start(options);
        token = TokenCommand.run(new String[] {member}, varDir);
    }

    @AfterAll
    void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void requestWithoutTokenIsRejected() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(api("/api/v1/contacts")).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    @Order(2)
    void loggedInteractionIsPublishedOnContactsEventsAsACloudEventKeyedByMember() throws Exception {
        try (KafkaConsumer<String, String> consumer = contactsEventsConsumer()) {
            String contactId = createContact("Ana Sofía", "Ibáñez").path("id").asString();
            assertThat(contactId).isNotBlank();

            logInteractionWithAPromise(contactId);

            List<ConsumerRecord<String, String>> seen = new ArrayList<>();
            await().atMost(ASYNC).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(seen::add);
                assertThat(seen).anySatisfy(record -> {
                    assertThat(record.key()).isEqualTo(member);
                    assertThat(header(record, "ce_type")).isEqualTo("rapport.contacts.InteractionLogged.v1");
                    assertThat(header(record, "ce_id")).isNotBlank();
                    assertThat(header(record, "ce_source")).isNotBlank();
                    assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
                    assertThat(record.value()).contains(contactId);
                });
            });
        }
    }

    @Test
    @Order(3)
    void promiseOfALoggedInteractionBecomesAFollowUpReminder() throws Exception {
        String contactId = createContact("José", "Núñez").path("id").asString();

        logInteractionWithAPromise(contactId);

        await().atMost(ASYNC).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            HttpResponse<String> reminders = send("GET", "/api/v1/reminders?status=open", null);
            assertThat(reminders.statusCode()).as(reminders.body()).isEqualTo(200);
            assertThat(items(reminders)).anySatisfy(reminder -> {
                assertThat(reminder.path("kind").asString()).isEqualTo("follow-up");
                assertThat(reminder.path("contactId").asString()).isEqualTo(contactId);
                assertThat(reminder.path("status").asString()).isEqualTo("open");
            });
        });
    }

    @Test
    @Order(4)
    void busyPortMakesAnotherStartFailWithAMessageNamingThePort() throws Exception {
        int offset = TestPorts.freeOffset();
        int gatewayPort = new Ports(offset).http(Service.GATEWAY);
        Path otherVarDir = Files.createTempDirectory(Path.of("target"), "e2e-busy-var-");
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), gatewayPort));

            assertThatThrownBy(() ->
                            LocalPlatform.start(options.withVarDir(otherVarDir).withPortOffset(offset)))
                    .isInstanceOf(PlatformException.class)
                    .hasMessageContaining(String.valueOf(gatewayPort))
                    .hasMessageContaining("gateway");
        }
    }

    @Test
    @Order(5)
    void secondStartOnTheSameVarDirKeepsTheContactsAndMapsTheStartupCachesTheFirstWrote() throws Exception {
        String contactId = createContact("Lucía", "Fernández").path("id").asString();
        List<StartupCache> trained = Stream.of(Service.values())
                .map(service -> platform.firstInstance(service).startupCache())
                .toList();
        boolean aotCache = Runtime.version().feature() >= StartupCache.AOT_CACHE_JDK;

        platform.close();
        if (aotCache) {
            // Written by this test's first start when it was the build's first (it trained), else by an earlier one.
            assertThat(trained).allSatisfy(start -> {
                assertThat(start.cache()).isRegularFile();
                if (start.trains()) {
                    assertThat(start.training()).doesNotExist();
                }
            });
        }
        platform = LocalPlatform.start(options);

        for (Service service : Service.values()) {
            ServiceProcess process = platform.firstInstance(service);
            assertThat(process.startupCache().jar().toString()).contains(StartupCache.DIRECTORY);
            if (aotCache) {
                assertThat(process.startupCache().trains()).isFalse();
                Path maps = Path.of("/proc", String.valueOf(process.process().pid()), "maps");
                if (Files.exists(maps)) {
                    // The JVM mapped the cache a training JVM wrote: not rejected as made by another jar, JDK or flags.
                    assertThat(Files.readString(maps))
                            .as(service.module())
                            .contains(process.startupCache().cache().toString());
                }
            }
        }

        HttpResponse<String> contacts = send("GET", "/api/v1/contacts", null);
        assertThat(contacts.statusCode()).as(contacts.body()).isEqualTo(200);
        assertThat(items(contacts)).anySatisfy(contact -> {
            assertThat(contact.path("id").asString()).isEqualTo(contactId);
            assertThat(contact.path("lastName").asString()).isEqualTo("Fernández");
        });
    }

    private void logInteractionWithAPromise(String contactId) throws Exception {
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
                        "Coffee at the alumni day",
                        "promises",
                        List.of(Map.of(
                                "owedBy", "me",
                                "what", "send the article",
                                "dueOn",
                                        LocalDate.now(ZoneOffset.UTC)
                                                .plusDays(7)
                                                .toString()))));
        assertThat(logged.statusCode()).as(logged.body()).isEqualTo(201);
    }

    private JsonNode createContact(String firstName, String lastName) throws Exception {
        HttpResponse<String> created = send(
                "POST",
                "/api/v1/contacts",
                Map.of(
                        "firstName",
                        firstName,
                        "lastName",
                        lastName,
                        "emails",
                        List.of(UUID.randomUUID() + "@example.com"),
                        "company",
                        "Rapport IT",
                        "title",
                        "Tester",
                        "tier",
                        "inner",
                        "tags",
                        List.of("e2e"),
                        "interests",
                        List.of("testing"),
                        "source",
                        "e2e"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body());
    }

    private HttpResponse<String> send(String method, String path, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(api(path))
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

    private URI api(String path) {
        return platform.gatewayUrl().resolve(path);
    }

    private static List<JsonNode> items(HttpResponse<String> response) {
        List<JsonNode> items = new ArrayList<>();
        JSON.readTree(response.body()).path("items").forEach(items::add);
        return items;
    }

    private KafkaConsumer<String, String> contactsEventsConsumer() {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                platform.kafkaBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "local-platform-it-" + member,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class));
        consumer.subscribe(List.of("contacts.events"));
        return consumer;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private void printLogTails() {
        Path logs = varDir.resolve("logs");
        if (!Files.isDirectory(logs)) {
            return;
        }
        try (Stream<Path> files = Files.list(logs)) {
            files.filter(file -> file.toString().endsWith(".log")).sorted().forEach(file -> {
                try {
                    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                    System.err.println("----- last lines of " + file + " -----");
                    lines.subList(Math.max(0, lines.size() - 60), lines.size()).forEach(System.err::println);
                } catch (IOException | RuntimeException e) {
                    System.err.println("(cannot read " + file + ": " + e.getMessage() + ")");
                }
            });
        } catch (IOException e) {
            System.err.println("(cannot list " + logs + ": " + e.getMessage() + ")");
        }
    }
}
