package dev.rapport.platform.bench;

import dev.rapport.platform.RunningPlatform;
import dev.rapport.platform.Service;
import dev.rapport.platform.harness.Await;
import dev.rapport.platform.harness.CompilerTime;
import dev.rapport.platform.harness.LinkedInCsv;
import dev.rapport.platform.harness.Load;
import dev.rapport.platform.harness.Machine;
import dev.rapport.platform.harness.PlatformClient;
import dev.rapport.platform.harness.Stats;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The scenarios of issue 15 item 7, run in order against one platform (one class per scenario, each writing its
 * section of the report), and what they share: the store's fill, imports straight into contacts-service, reads.
 */
final class Scenarios {

    private static final Logger log = LoggerFactory.getLogger(Scenarios.class);

    // Where each target and section goes in the report (the order).
    static final int MEMORY = 10;
    static final int GATEWAY = 20;
    static final int INTERACTIONS = 30;
    static final int IMPORT = 40;
    static final int HEAVY_READS = 45;
    static final String IMPORTED_MEMBER = "bench-import";
    static final int CURVE = 50;
    static final int BIG_MEMBER = 60;
    private static final int CPU = 90;

    static final Duration IMPORT_TIMEOUT = Duration.ofMinutes(5);
    /** Set-up reads (listing ids, counting) may be slow on a loaded machine: they are not what is measured. */
    static final Duration SETUP_TIMEOUT = Duration.ofMinutes(2);

    @FunctionalInterface
    interface Body {
        void run() throws Exception;
    }

    final BenchOptions options;
    final BenchOptions.Sizes sizes;
    final RunningPlatform platform;
    final PlatformClient client;
    final EventWatcher events;
    final Report report;
    final Duration startup;
    final URI contacts;
    final LocalDate today = LocalDate.now(ZoneOffset.UTC);
    /** Contacts created in the store so far (the sum of the imports' created counts). */
    final AtomicLong stored = new AtomicLong();

    private final AtomicInteger fillers = new AtomicInteger();
    private final CpuUse cpu = new CpuUse();

    Scenarios(
            BenchOptions options,
            RunningPlatform platform,
            PlatformClient client,
            EventWatcher events,
            Report report,
            Duration startup) {
        this.options = options;
        this.sizes = options.sizes();
        this.platform = platform;
        this.client = client;
        this.events = events;
        this.report = report;
        this.startup = startup;
        this.compilerTime = new CompilerTime(platform.varDir());
        this.contacts = URI.create("http://127.0.0.1:" + platform.ports().http(Service.CONTACTS) + "/");
    }

    /** Runs every scenario; answers whether all of them were measured. */
    boolean runAll() {
        StartupMemory memory = new StartupMemory(this);
        ListCurve curve = new ListCurve(this);
        boolean complete = run("Start-up and idle memory", MEMORY, Duration.ofMinutes(2), memory::idle);
        if (options.runs("gateway")) {
            complete &= run(
                    "Gateway vs direct", GATEWAY, Duration.ofMinutes(10), new GatewayVsDirect(this)::gatewayVsDirect);
        }
        if (options.runs("interactions")) {
            complete &= run(
                    "Interactions with promises",
                    INTERACTIONS,
                    Duration.ofMinutes(10),
                    new InteractionsWithPromises(this)::interactions);
        }
        if (options.runs("curve")) {
            complete &= run("List curve", CURVE, Duration.ofMinutes(30), curve::curveSteps);
        }
        if (options.runs("import")) {
            complete &= run(
                    "LinkedIn import through the gateway",
                    IMPORT,
                    Duration.ofMinutes(20),
                    new LinkedInImport(this)::linkedInImport);
        }
        if (options.runs("heavy")) {
            complete &=
                    run("Heavy reads of the imported member", HEAVY_READS, Duration.ofMinutes(15), this::heavyReads);
        }
        if (options.runs("big")) {
            complete &= run(
                    "A member with many contacts", BIG_MEMBER, Duration.ofMinutes(20), new BigMember(this)::bigMember);
        }
        if (options.runs("curve")) {
            complete &= run("List curve (continued)", CURVE, Duration.ofMinutes(30), curve::curveAfter);
        }
        if (options.runs("curve")) {
            curve.curveSection();
        }
        complete &= run("Memory after the scenarios", MEMORY, Duration.ofMinutes(1), memory::memory);
        report.section(CPU, cpu.render());
        return complete;
    }

    private boolean run(String name, int order, Duration bound, Body body) {
        log.info("Scenario: {}", name);
        long start = System.nanoTime();
        Map<String, Duration> cpuBefore = Machine.cpuByProcess(platform.varDir());
        try {
            Bench.bounded(name, bound, () -> {
                body.run();
                return null;
            });
            double seconds = (System.nanoTime() - start) / 1e9;
            log.info("Scenario done in {}: {}", Stats.seconds(seconds), name);
            cpu.add(name, seconds, cpuBefore, Machine.cpuByProcess(platform.varDir()));
            return true;
        } catch (Exception e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            log.error("Scenario failed: {}: {}", name, message, e);
            report.problem(name + ": " + message);
            report.section(order + 1, "## " + name + "\n\n**Not measured**: " + message.replace("\n", " "));
            return false;
        }
    }

    private void heavyReads() throws Exception {
        String member = IMPORTED_MEMBER;
        new HeavyReads(client, platform, report, HEAVY_READS)
                .run(member, countContacts(member), options.quick() ? 3 : 20);
    }

    // ---------------------------------------------------------------------------------------- shared

    /** Imports filler members until the store holds {@code target} contacts. */
    void fill(long target) throws Exception {
        while (stored.get() < target) {
            int chunk = (int) Math.min(25_000, target - stored.get());
            int n = fillers.incrementAndGet();
            int created = importDirect("bench-filler-" + n, chunk, "filler" + n);
            if (created == 0) {
                throw new BenchException("Filling the store: an import of " + chunk + " rows created nothing");
            }
        }
    }

    /** Waits (bounded) for every ContactAdded stored so far to be published and consumed; says how it went. */
    String settle() throws Exception {
        long expected = stored.get();
        try {
            Duration took = events.awaitConsumed(
                    () -> events.contactAddedTotal() >= expected,
                    "the events of the " + expected + " contacts stored",
                    sizes.settleBound());
            return "settled in " + Stats.seconds(took.toMillis() / 1000.0);
        } catch (BenchException e) {
            return "not settled within " + sizes.settleBound().toSeconds() + " s (ContactAdded published: "
                    + Stats.count(events.contactAddedTotal()) + " of " + Stats.count(expected) + "; lag "
                    + events.lags() + ")";
        }
    }

    // ---------------------------------------------------------------------------------------- helpers

    /** How each measured load's warm-up went, by the load's name (for {@link #loadTable}). */
    private final Map<String, Load.WarmUp> warmUps = new ConcurrentHashMap<>();

    /** The platform's JIT compilers' CPU time, for the warm-ups. */
    private final CompilerTime compilerTime;

    /**
     * Warms {@code call} up until its rate settles ({@link Load#warmUp}, at most the sizes' {@code warmupMax}), then
     * measures it for {@code duration}; the table of the load says how its warm-up went.
     */
    Load.Result warmThenMeasure(String name, int clients, Duration duration, Duration grace, Load.Call call) {
        warmUp(name, clients, call);
        return Load.run(name, clients, duration, grace, call);
    }

    /** How a warm-up decides that it is over, for the report. */
    String warmUpRule() {
        return "windows of " + sizes.warmupWindow().toSeconds() + " s until a window's rate is within "
                + Math.round(Load.SETTLED * 100) + " % of the one two windows before it while the JIT compiler"
                + " threads of the platform's processes used at most " + Math.round(Load.COMPILERS_QUIET * 100)
                + " % of a core, at most " + sizes.warmupMax().toSeconds() + " s";
    }

    /** The warm-up of the load {@code name} alone (a scenario that measures it in its own way afterwards). */
    Load.WarmUp warmUp(String name, int clients, Load.Call call) {
        Load.WarmUp warm =
                Load.warmUp("warm-up-" + name, clients, sizes.warmupWindow(), sizes.warmupMax(), compilerTime, call);
        warmUps.put(name, warm);
        return warm;
    }

    /** A load without a single 2xx is a figure too (reported as such), and a problem of the run. */
    void requireAnswers(Load.Result... results) {
        for (Load.Result result : results) {
            if (result.ok() == 0) {
                report.problem(result.name() + ": no successful request in " + Stats.seconds(result.seconds()) + " ("
                        + result.non2xxDetail() + ")");
            }
        }
    }

    String loadTable(List<Load.Result> results) {
        StringBuilder table = new StringBuilder("| load | requests/s (2xx) | p50 | p99 | 2xx | non-2xx | warm-up |\n"
                + "| --- | --- | --- | --- | --- | --- | --- |\n");
        for (Load.Result result : results) {
            table.append("| ")
                    .append(result.name())
                    .append(" | ")
                    .append(Stats.rate(result.rate()))
                    .append(" | ")
                    .append(Stats.millis(result.percentileMillis(0.5)))
                    .append(" | ")
                    .append(Stats.millis(result.percentileMillis(0.99)))
                    .append(" | ")
                    .append(Stats.count(result.ok()))
                    .append(" | ")
                    .append(result.non2xxDetail())
                    .append(" | ")
                    .append(
                            warmUps.containsKey(result.name())
                                    ? warmUps.get(result.name()).describe()
                                    : "none")
                    .append(" |\n");
        }
        return table.toString();
    }

    /** How many contacts {@code member} has, or -1 (and a problem of the run) when the count fails. */
    long countContacts(String member) {
        try {
            return client.expectOk(
                            client.direct(contacts, member, "GET", "/api/v1/contacts?limit=1")
                                    .timeout(SETUP_TIMEOUT)
                                    .GET()
                                    .build(),
                            "count " + member + "'s contacts")
                    .json()
                    .path("total")
                    .asLong();
        } catch (Exception e) {
            report.problem("Counting " + member + "'s contacts failed: " + e);
            return -1;
        }
    }

    /** Every contact id of {@code member}, page by page, straight from contacts-service. */
    List<String> listIds(String member) throws Exception {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            String path = "/api/v1/contacts?limit=200"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            JsonNode page = client.expectOk(
                            client.direct(contacts, member, "GET", path)
                                    .timeout(SETUP_TIMEOUT)
                                    .GET()
                                    .build(),
                            "list " + member + "'s contacts")
                    .json();
            page.path("items").forEach(item -> ids.add(item.path("id").asString()));
            JsonNode next = page.path("nextCursor");
            cursor = next.isString() && !next.asString().isBlank() ? next.asString() : null;
        } while (cursor != null);
        if (ids.isEmpty()) {
            throw new BenchException(member + " has no contacts after its import");
        }
        return ids;
    }

    /** Imports {@code rows} generated LinkedIn rows for {@code member} straight into contacts-service. */
    int importDirect(String member, int rows, String tag) throws Exception {
        PlatformClient.Answer first = client.send(client.direct(contacts, member, "POST", "/api/v1/imports/linkedin")
                .timeout(IMPORT_TIMEOUT)
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofByteArray(LinkedInCsv.generate(rows, tag)))
                .build());
        JsonNode importReport =
                awaitReport(first, location -> client.direct(contacts, member, "GET", location), IMPORT_TIMEOUT);
        int created = importReport.path("created").asInt();
        stored.addAndGet(created);
        log.info("Imported {} contacts for {} ({} stored in all)", created, member, stored.get());
        return created;
    }

    /**
     * The import report: in a 200 answer, or — after a 202 with a Location — in the job, polled until it
     * has one. Throws with the answer when there is none.
     */
    JsonNode awaitReport(PlatformClient.Answer first, Function<String, HttpRequest.Builder> get, Duration bound)
            throws Exception {
        if (first.status() == 200 || first.status() == 201) {
            JsonNode found = reportIn(first.json());
            if (found == null) {
                throw new BenchException("the import answered " + first.status() + " without a report: "
                        + PlatformClient.abbreviate(first.body()));
            }
            return found;
        }
        if (first.status() != 202) {
            throw new BenchException(
                    "the import answered " + first.status() + " " + PlatformClient.abbreviate(first.body()));
        }
        String location = first.raw()
                .headers()
                .firstValue("Location")
                .orElseThrow(() -> new BenchException("the import answered 202 without a Location"));
        URI uri = URI.create(location);
        String path = uri.isAbsolute()
                ? uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                : location;
        JsonNode[] report = {null};
        BenchException[] failed = {null};
        try {
            Await.until("a report in the import's job " + location, bound, () -> {
                PlatformClient.Answer job = client.send(get.apply(path).GET().build());
                if (!job.ok()) {
                    failed[0] = new BenchException("the import's job " + location + " answered " + job.status() + " "
                            + PlatformClient.abbreviate(job.body()));
                    return true;
                }
                JsonNode body = job.json();
                String state = body.path("state")
                        .asString(body.path("status").asString(""))
                        .toLowerCase(Locale.ROOT);
                if (state.equals("failed") || state.equals("error")) {
                    failed[0] = new BenchException("the import's job failed: " + PlatformClient.abbreviate(job.body()));
                    return true;
                }
                JsonNode found = reportIn(body);
                if (found != null && !found.path("created").isMissingNode()) {
                    report[0] = found;
                    return true;
                }
                return false;
            });
        } catch (Await.NotInTime e) {
            throw new BenchException(
                    "the import's job " + location + " had no report after " + bound.toSeconds() + " s", e);
        }
        if (failed[0] != null) {
            throw failed[0];
        }
        return report[0];
    }

    /** The report in an answer: the answer itself, or its {@code report} member. */
    private static JsonNode reportIn(JsonNode body) {
        JsonNode nested = body.path("report");
        if (nested.isObject()) {
            return nested;
        }
        return body.path("created").isMissingNode() ? null : body;
    }
}
