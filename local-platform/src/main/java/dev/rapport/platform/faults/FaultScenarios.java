package dev.rapport.platform.faults;

import dev.rapport.platform.RunningPlatform;
import dev.rapport.platform.Service;
import dev.rapport.platform.harness.Await;
import dev.rapport.platform.harness.LinkedInCsv;
import dev.rapport.platform.harness.PlatformClient;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    /** Posts with promises and their follow-ups, which most scenarios check. */
    final Promises promises;

    final LocalDate today = LocalDate.now(ZoneOffset.UTC);

    FaultScenarios(FaultOptions options, RunningPlatform platform, PlatformClient client, FaultReport report) {
        this.options = options;
        this.sizes = options.sizes();
        this.platform = platform;
        this.client = client;
        this.report = report;
        this.topics = new Topics(platform.kafkaBootstrap());
        this.promises = new Promises(this);
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
        ScaleOut scale = new ScaleOut(this);
        run(
                ScaleOut.NUMBER + ". Scale-out: an instance of each service killed",
                scale.load(),
                scale.fault(),
                Duration.ofMinutes(options.quick() ? 20 : 30),
                scale::run);
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

    /** {@code POST /api/v1/content/items} through the gateway: a draft LinkedIn post titled {@code title}. */
    HttpRequest draftPost(String member, String title) {
        return PlatformClient.json(
                        client.viaGateway(member, "POST", "/api/v1/content/items"),
                        "POST",
                        Map.of("title", title, "channel", "linkedin-post", "format", "article", "status", "draft"))
                .build();
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
