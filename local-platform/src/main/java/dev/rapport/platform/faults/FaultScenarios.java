package dev.rapport.platform.faults;

import dev.rapport.platform.RunningPlatform;
import dev.rapport.platform.Service;
import dev.rapport.platform.harness.LinkedInCsv;
import dev.rapport.platform.harness.PlatformClient;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/** The scenarios of issue 13 in order against one platform, and what they share: members, posts, reads. */
final class FaultScenarios {

    private static final Logger log = LoggerFactory.getLogger(FaultScenarios.class);

    @FunctionalInterface
    interface Body {
        void run(FaultReport.Scenario scenario) throws Exception;
    }

    final FaultOptions options;
    final FaultOptions.Sizes sizes;
    final RunningPlatform platform;
    final PlatformClient client;
    final FaultReport report;
    final Topics topics;
    final LocalDate today = LocalDate.now(ZoneOffset.UTC);

    FaultScenarios(FaultOptions options, RunningPlatform platform, PlatformClient client, FaultReport report) {
        this.options = options;
        this.sizes = options.sizes();
        this.platform = platform;
        this.client = client;
        this.report = report;
        this.topics = new Topics(platform.kafkaBootstrap());
    }

    void runAll() {
        BrokerOutage broker = new BrokerOutage(this);
        run(
                "1. Broker outage",
                broker.load(),
                "kill -9 of the Kafka broker for " + sizes.brokerDown().toSeconds()
                        + " s while the load runs, then a restart on the same ports and data directory",
                Duration.ofMinutes(options.quick() ? 5 : 15),
                broker::run);
        StoreOutage store = new StoreOutage(this);
        run(
                "2. Store outage",
                store.load(),
                "the MongoDB-wire server stopped for " + sizes.storeDown().toSeconds()
                        + " s (port closed, connections dropped) while reminders-service consumes, then restarted"
                        + " on the same port and data file",
                Duration.ofMinutes(options.quick() ? 5 : 10),
                store::run);
        ConsumerKilled consumer = new ConsumerKilled(this);
        run(
                "3. Consumer killed mid-stream",
                consumer.load(),
                "kill -9 of reminders-service once a quarter of the backlog is consumed, then a restart on the same ports",
                Duration.ofMinutes(options.quick() ? 6 : 20),
                consumer::run);
        Replay replay = new Replay(this);
        run(
                "4. Replay from offset 0",
                replay.load(),
                "contacts-, content- and reminders-service stopped, every consumer group rewound to offset 0"
                        + " (AdminClient alterConsumerGroupOffsets), the services started again to consume everything"
                        + " a second time",
                Duration.ofMinutes(options.quick() ? 6 : 20),
                replay::run);
        PoisonRecords poison = new PoisonRecords(this);
        run(
                "5. Poison records",
                poison.load(),
                "on every topic, a record that is not a CloudEvent and one with valid headers but unreadable data",
                Duration.ofMinutes(5),
                poison::run);
        HostileInput hostile = new HostileInput(this);
        run(
                "6. Hostile input on every operation",
                hostile.load(),
                "requests generated from the published OpenAPI documents: wrong types, missing and extra fields,"
                        + " out-of-range numbers, huge and unusual strings, bad cursors and ids, invalid JSON, wrong"
                        + " content types, oversized bodies",
                Duration.ofMinutes(options.quick() ? 5 : 20),
                hostile::run);
        Soak soak = new Soak(this);
        run(
                "7. Soak",
                soak.load(),
                "none but time: steady mixed traffic, the heap of every service sampled after a full GC each minute",
                sizes.soak().plus(Duration.ofMinutes(options.quick() ? 6 : 15)),
                soak::run);
    }

    private void run(String name, String load, String fault, Duration bound, Body body) {
        if (!options.runs(Integer.parseInt(name.substring(0, name.indexOf('.'))))) {
            return;
        }
        FaultReport.Scenario scenario = report.start(name, load, fault);
        log.info("Scenario: {}", name);
        long start = System.nanoTime();
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        Future<?> future = executor.submit((Callable<Void>) () -> {
            body.run(scenario);
            return null;
        });
        try {
            future.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            scenario.error = "did not finish within " + bound.toMinutes() + " minutes";
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            log.error("Scenario {} stopped", name, cause);
            scenario.error = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            scenario.error = "interrupted";
        } finally {
            executor.shutdownNow();
        }
        scenario.seconds = (System.nanoTime() - start) / 1e9;
        log.info(
                "Scenario {}: {} in {} s{}",
                name,
                scenario.passed() ? "passed" : "FAILED",
                Math.round(scenario.seconds),
                scenario.passed()
                        ? ""
                        : " " + scenario.failures() + (scenario.error == null ? "" : " " + scenario.error));
    }

    // ------------------------------------------------------------------------------------------------ members

    URI service(Service service) {
        return URI.create("http://127.0.0.1:" + platform.ports().http(service) + "/");
    }

    URI management(Service service, String path) {
        return URI.create("http://127.0.0.1:" + platform.ports().management(service) + path);
    }

    /** Gives {@code member} {@code rows} contacts (a LinkedIn import) and answers their ids, in import order. */
    List<String> contacts(String member, int rows) throws Exception {
        PlatformClient.Answer imported =
                client.send(client.direct(service(Service.CONTACTS), member, "POST", "/api/v1/imports/linkedin")
                        .timeout(Duration.ofMinutes(2))
                        .header("Content-Type", "text/csv")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(LinkedInCsv.generate(rows, "faults")))
                        .build());
        if (!imported.ok()) {
            throw new FaultException("The import for " + member + " answered " + imported.status() + " "
                    + PlatformClient.abbreviate(imported.body()));
        }
        List<List<String>> ids = new ArrayList<>();
        Await.until(member + "'s " + rows + " contacts", Duration.ofMinutes(2), () -> {
            List<String> listed = contactIdsByName(member);
            ids.add(listed);
            return listed.size() == rows;
        });
        return ids.getLast();
    }

    /** The member's contact ids, ordered by name (the import's order is not kept by the list). */
    private List<String> contactIdsByName(String member) throws Exception {
        Map<String, String> byName = new TreeMap<>();
        String cursor = null;
        do {
            String path = "/api/v1/contacts?limit=200"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            JsonNode page = client.expectOk(
                            client.direct(service(Service.CONTACTS), member, "GET", path)
                                    .GET()
                                    .build(),
                            "list " + member + "'s contacts")
                    .json();
            page.path("items")
                    .forEach(item -> byName.put(
                            item.path("name").asString(item.path("displayName").asString("")) + " "
                                    + item.path("id").asString(),
                            item.path("id").asString()));
            JsonNode next = page.path("nextCursor");
            cursor = next.isString() && !next.asString().isBlank() ? next.asString() : null;
        } while (cursor != null);
        return new ArrayList<>(byName.values());
    }

    /** {@code POST /api/v1/interactions} through the gateway: a call with one promise {@code what}, due in a week. */
    HttpRequest interaction(String member, String contactId, String what) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("contactIds", List.of(contactId));
        body.put("type", "call");
        body.put("direction", "outbound");
        body.put("occurredAt", Instant.now().minusSeconds(60).toString());
        body.put("summary", "Fault suite call");
        body.put(
                "promises",
                List.of(Map.of(
                        "owedBy", "me", "what", what, "dueOn", today.plusDays(7).toString())));
        return PlatformClient.json(client.viaGateway(member, "POST", "/api/v1/interactions"), "POST", body)
                .build();
    }

    /** Every follow-up reminder of {@code member} (read straight from reminders-service, every page). */
    List<JsonNode> followUps(String member) throws Exception {
        List<JsonNode> reminders = new ArrayList<>();
        String cursor = null;
        do {
            String path = "/api/v1/reminders?kind=follow-up&limit=200"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            JsonNode page = client.expectOk(
                            client.direct(service(Service.REMINDERS), member, "GET", path)
                                    .GET()
                                    .build(),
                            "list " + member + "'s follow-ups")
                    .json();
            page.path("items").forEach(reminders::add);
            JsonNode next = page.path("nextCursor");
            cursor = next.isString() && !next.asString().isBlank() ? next.asString() : null;
        } while (cursor != null);
        return reminders;
    }

    /** A promise's text: fixed width, so that no promise's text contains another's. */
    static String promise(String scenario, long n) {
        return String.format(java.util.Locale.ROOT, "%s promise %06d.", scenario, n);
    }

    /** How many follow-ups of {@code member} carry each promise of {@code promises} in their title. */
    Map<String, Integer> followUpCounts(String member, Set<String> promises) throws Exception {
        Map<String, Integer> counts = new TreeMap<>();
        for (JsonNode reminder : followUps(member)) {
            String title = reminder.path("title").asString("");
            for (String promise : promises) {
                if (title.contains(promise)) {
                    counts.merge(promise, 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    /**
     * A digest of the state of {@code member}'s follow-ups whose promise is in {@code promises}: kind, status, title,
     * contact name and due date of each, sorted (ids and times differ between members by nature).
     */
    String followUpDigest(String member, Set<String> promises) throws Exception {
        List<String> lines = new ArrayList<>();
        for (JsonNode reminder : followUps(member)) {
            String title = reminder.path("title").asString("");
            if (promises.stream().anyMatch(title::contains)) {
                lines.add(String.join(
                        "|",
                        reminder.path("kind").asString(""),
                        reminder.path("status").asString(""),
                        title,
                        reminder.path("contactName").asString(""),
                        reminder.path("dueOn").asString("")));
            }
        }
        lines.sort(null);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        return lines.size() + " reminders, sha256 "
                + HexFormat.of()
                        .formatHex(sha.digest(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)))
                        .substring(0, 16);
    }

    /** The HTTP status of a service's readiness group on its management port. */
    int readiness(Service service) throws Exception {
        return client.status(HttpRequest.newBuilder(management(service, "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build());
    }

    /** How many records every dead-letter topic holds in all. */
    long deadLettered() throws Exception {
        long total = 0;
        for (String topic : Topics.DEAD_LETTER_TOPICS) {
            total += topics.size(topic);
        }
        return total;
    }

    HttpResponse<String> send(HttpRequest request) throws Exception {
        return client.send(request).raw();
    }
}
