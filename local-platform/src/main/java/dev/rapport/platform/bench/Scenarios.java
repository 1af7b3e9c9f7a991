package dev.rapport.platform.bench;

import dev.rapport.platform.RunningPlatform;
import dev.rapport.platform.Service;
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
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/** The scenarios of issue 15 item 7, run in order against one platform; each writes its section of the report. */
final class Scenarios {

    private static final Logger log = LoggerFactory.getLogger(Scenarios.class);

    // Where each target and section goes in the report (the order).
    private static final int MEMORY = 10;
    private static final int GATEWAY = 20;
    private static final int INTERACTIONS = 30;
    private static final int IMPORT = 40;
    private static final int HEAVY_READS = 45;
    private static final String IMPORTED_MEMBER = "bench-import";
    private static final int CURVE = 50;
    private static final int BIG_MEMBER = 60;
    private static final int CPU = 90;

    private static final long GIGABYTE_AND_A_HALF_KB = 1536L * 1024;
    private static final Duration IMPORT_TIMEOUT = Duration.ofMinutes(5);
    /** Set-up reads (listing ids, counting) may be slow on a loaded machine: they are not what is measured. */
    private static final Duration SETUP_TIMEOUT = Duration.ofMinutes(2);

    @FunctionalInterface
    interface Body {
        void run() throws Exception;
    }

    /** A row of the list curve. */
    private record CurvePoint(String label, long stored, Load.Result result, String settled) {}

    private final BenchOptions options;
    private final BenchOptions.Sizes sizes;
    private final RunningPlatform platform;
    private final PlatformClient client;
    private final EventWatcher events;
    private final Report report;
    private final Duration startup;
    private final URI contacts;
    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);
    /** Contacts created in the store so far (the sum of the imports' created counts). */
    private final AtomicLong stored = new AtomicLong();

    private final AtomicInteger fillers = new AtomicInteger();
    private final List<CurvePoint> curve = new ArrayList<>();
    private final CpuUse cpu = new CpuUse();
    private Map<String, Long> idleResident = Map.of();
    private String probe;

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
        this.contacts = URI.create("http://127.0.0.1:" + platform.ports().http(Service.CONTACTS) + "/");
    }

    /** Runs every scenario; answers whether all of them were measured. */
    boolean runAll() {
        boolean complete = run("Start-up and idle memory", MEMORY, Duration.ofMinutes(2), this::idle);
        if (options.runs("gateway")) {
            complete &= run("Gateway vs direct", GATEWAY, Duration.ofMinutes(10), this::gatewayVsDirect);
        }
        if (options.runs("interactions")) {
            complete &= run("Interactions with promises", INTERACTIONS, Duration.ofMinutes(10), this::interactions);
        }
        if (options.runs("curve")) {
            complete &= run("List curve", CURVE, Duration.ofMinutes(30), this::curveSteps);
        }
        if (options.runs("import")) {
            complete &=
                    run("LinkedIn import through the gateway", IMPORT, Duration.ofMinutes(20), this::linkedInImport);
        }
        if (options.runs("heavy")) {
            complete &=
                    run("Heavy reads of the imported member", HEAVY_READS, Duration.ofMinutes(15), this::heavyReads);
        }
        if (options.runs("big")) {
            complete &= run("A member with many contacts", BIG_MEMBER, Duration.ofMinutes(20), this::bigMember);
        }
        if (options.runs("curve")) {
            complete &= run("List curve (continued)", CURVE, Duration.ofMinutes(30), this::curveAfter);
        }
        if (options.runs("curve")) {
            curveSection();
        }
        complete &= run("Memory after the scenarios", MEMORY, Duration.ofMinutes(1), this::memory);
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

    // ---------------------------------------------------------------------------------------- memory

    private void idle() throws InterruptedException {
        Thread.sleep(sizes.idleSettle().toMillis());
        idleResident = Bench.resident(platform);
        long total = total(idleResident);
        report.target(
                MEMORY,
                "whole platform: start-up",
                "≤ 45 s [43–47 s]",
                Stats.seconds(startup.toMillis() / 1000.0),
                startup.compareTo(Duration.ofSeconds(45)) <= 0);
        report.target(
                MEMORY + 1,
                "whole platform: resident memory, idle",
                "≤ 1.5 GB [1.9–2.4 GB]",
                Stats.megabytes(total),
                total <= GIGABYTE_AND_A_HALF_KB);
    }

    private void memory() {
        Map<String, Long> after = Bench.resident(platform);
        StringBuilder section = new StringBuilder("## Start-up and resident memory\n\n");
        section.append("Start-up (from the launcher's start to every service ready, on a fresh var dir): **")
                .append(Stats.seconds(startup.toMillis() / 1000.0))
                .append("**.\n\nResident memory (`VmRSS` of `/proc/<pid>/status`) of every process, idle (")
                .append(sizes.idleSettle().toSeconds())
                .append(" s after start-up) and after the scenarios:\n\n");
        section.append("| process | idle | after the scenarios |\n| --- | --- | --- |\n");
        List<String> names = new ArrayList<>(idleResident.keySet());
        after.keySet().stream().filter(name -> !names.contains(name)).forEach(names::add);
        for (String name : names) {
            section.append("| ")
                    .append(
                            name.equals("launcher")
                                    ? "launcher (MongoDB-wire server; here also the benchmark's clients)"
                                    : name)
                    .append(" | ")
                    .append(idleResident.containsKey(name) ? Stats.megabytes(idleResident.get(name)) : "n/a")
                    .append(" | ")
                    .append(after.containsKey(name) ? Stats.megabytes(after.get(name)) : "gone")
                    .append(" |\n");
        }
        section.append("| **total** | **")
                .append(Stats.megabytes(total(idleResident)))
                .append("** | **")
                .append(Stats.megabytes(total(after)))
                .append("** |\n");
        report.section(MEMORY, section.toString());
        report.target(
                MEMORY + 2,
                "whole platform: resident memory after the scenarios",
                "(measured)",
                Stats.megabytes(total(after)),
                "measured");
    }

    private static long total(Map<String, Long> resident) {
        return resident.values().stream().mapToLong(Long::longValue).sum();
    }

    // ---------------------------------------------------------------------------------------- gateway vs direct

    private void gatewayVsDirect() throws Exception {
        String member = "bench-reader";
        importDirect(member, sizes.readerContacts(), "reader");
        List<String> ids = listIds(member);
        Load.Call gatewayById = (c, seq) ->
                client.status(client.viaGateway(member, "GET", "/api/v1/contacts/" + ids.get((int) (seq % ids.size())))
                        .GET()
                        .build());
        Load.Call directById = (c, seq) -> client.status(client.direct(
                        contacts, member, "GET", "/api/v1/contacts/" + ids.get((int) (seq % ids.size())))
                .GET()
                .build());
        Load.Call gatewayList = (c, seq) -> client.status(
                client.viaGateway(member, "GET", "/api/v1/contacts").GET().build());
        Load.Call directList = (c, seq) -> client.status(
                client.direct(contacts, member, "GET", "/api/v1/contacts").GET().build());
        int clients = sizes.compareClients();
        // Warm-up (both JIT compilers and connection pools), not counted.
        for (Load.Call call : List.of(gatewayById, directById, gatewayList, directList)) {
            Load.run("warm-up", clients, sizes.warmup(), Duration.ofSeconds(30), call);
        }
        Load.Result gwId = Load.run("gateway-by-id", clients, sizes.compare(), Duration.ofSeconds(30), gatewayById);
        Load.Result dirId = Load.run("direct-by-id", clients, sizes.compare(), Duration.ofSeconds(30), directById);
        Load.Result gwList = Load.run("gateway-list", clients, sizes.compare(), Duration.ofSeconds(30), gatewayList);
        Load.Result dirList = Load.run("direct-list", clients, sizes.compare(), Duration.ofSeconds(30), directList);
        requireAnswers(gwId, dirId, gwList, dirList);
        double byId = gwId.rate() / dirId.rate();
        double list = gwList.rate() / dirList.rate();
        StringBuilder section = new StringBuilder("## Gateway vs the same service called directly\n\n");
        section.append("One member's ")
                .append(ids.size())
                .append(" contacts; `GET /api/v1/contacts/{id}` (a read by id, ids in turn) and `GET /api/v1/contacts`"
                        + " (the first page of 50): through the gateway with a bearer token, then straight to"
                        + " contacts-service with the signed `X-Rapport-Identity` the gateway would add. ")
                .append(clients)
                .append(" clients, ")
                .append(sizes.compare().toSeconds())
                .append(" s each, after ")
                .append(sizes.warmup().toSeconds())
                .append(" s of warm-up each.\n\n");
        section.append(loadTable(List.of(gwId, dirId, gwList, dirList)));
        section.append("\n| ratio | gateway ÷ direct |\n| --- | --- |\n")
                .append("| read by id | ")
                .append(Stats.ratio(byId))
                .append(" |\n| list | ")
                .append(Stats.ratio(list))
                .append(" |\n");
        report.section(GATEWAY, section.toString());
        report.target(
                GATEWAY,
                "gateway ÷ direct, read by id",
                "≥ 0.6 [0.24; nginx 0.99]",
                Stats.ratio(byId) + " (" + Stats.rate(gwId.rate()) + " vs " + Stats.rate(dirId.rate()) + ")",
                byId >= 0.6);
        report.target(
                GATEWAY + 1,
                "gateway ÷ direct, list",
                "(measured)",
                Stats.ratio(list) + " (" + Stats.rate(gwList.rate()) + " vs " + Stats.rate(dirList.rate()) + ")",
                "measured");
    }

    // ---------------------------------------------------------------------------------------- interactions

    private void interactions() throws Exception {
        String member = "bench-promises";
        importDirect(member, sizes.promiseContacts(), "promises");
        List<String> ids = listIds(member);
        LocalDate sampledDue = today.plusDays(1);
        LocalDate otherDue = today.plusDays(30);
        String dueBefore = today.plusDays(3).toString();
        Load.run(
                "interactions-warm-up",
                sizes.interactionClients(),
                sizes.warmup(),
                Duration.ofSeconds(30),
                (c, seq) -> client.status(
                        interaction(member, ids.get((int) (seq % ids.size())), "warm-up " + seq, otherDue)));

        long intervalNanos = (long) (1e9 / sizes.samplesPerSecond());
        AtomicLong nextSample = new AtomicLong(System.nanoTime());
        Semaphore outstanding = new Semaphore(64);
        long pollUntil = System.nanoTime()
                + sizes.interactions().toNanos()
                + sizes.reminderWait().toNanos();
        ConcurrentLinkedQueue<Long> found = new ConcurrentLinkedQueue<>();
        AtomicInteger missing = new AtomicInteger();
        AtomicInteger skipped = new AtomicInteger();
        ConcurrentLinkedQueue<Thread> pollers = new ConcurrentLinkedQueue<>();
        Load.Result posted = Load.run(
                "interactions", sizes.interactionClients(), sizes.interactions(), Duration.ofSeconds(30), (c, seq) -> {
                    long now = System.nanoTime();
                    long next = nextSample.get();
                    boolean sampled = now >= next && nextSample.compareAndSet(next, now + intervalNanos);
                    if (sampled && !outstanding.tryAcquire()) {
                        skipped.incrementAndGet();
                        sampled = false;
                    }
                    String contactId = ids.get((int) (seq % ids.size()));
                    String what =
                            "bench " + seq + " " + UUID.randomUUID().toString().substring(0, 8);
                    long sent = System.nanoTime();
                    int status;
                    try {
                        status = client.status(interaction(member, contactId, what, sampled ? sampledDue : otherDue));
                    } catch (Exception e) {
                        if (sampled) {
                            outstanding.release();
                        }
                        throw e;
                    }
                    if (sampled) {
                        if (status >= 200 && status < 300) {
                            pollers.add(Thread.ofVirtual().start(() -> {
                                try {
                                    pollReminder(member, contactId, what, dueBefore, sent, pollUntil, found, missing);
                                } finally {
                                    outstanding.release();
                                }
                            }));
                        } else {
                            outstanding.release();
                        }
                    }
                    return status;
                });
        for (Thread poller : pollers) {
            poller.join(Duration.ofNanos(Math.max(1, pollUntil - System.nanoTime()) + 5_000_000_000L));
        }
        requireAnswers(posted);
        long[] latencies = found.stream().mapToLong(Long::longValue).sorted().toArray();
        int samples = latencies.length + missing.get();
        // The samples never seen count as longer than any seen: they take the top ranks.
        String p50 = reminderPercentile(latencies, samples, 0.50);
        String p99 = reminderPercentile(latencies, samples, 0.99);
        boolean p99Met = samples > 0 && missing.get() == 0 && Stats.percentileMillis(latencies, 0.99) <= 1000;
        double rate = posted.rate();

        StringBuilder section = new StringBuilder("## Interactions with one promise each, through the gateway\n\n");
        section.append("`POST /api/v1/interactions` (a call with one promise) through the gateway, spread over ")
                .append(ids.size())
                .append(" contacts of one member, ")
                .append(sizes.interactionClients())
                .append(" clients for ")
                .append(sizes.interactions().toSeconds())
                .append(" s after ")
                .append(sizes.warmup().toSeconds())
                .append(" s of warm-up. About ")
                .append(sizes.samplesPerSecond())
                .append(" posts a second are sampled: a poller reads `GET /api/v1/reminders?kind=follow-up&contactId=…`"
                        + " (through the gateway, backing off to a tenth of the time waited) until the follow-up of"
                        + " that promise is there; the latency runs from sending the post to reading the"
                        + " reminder.\n\n");
        section.append(loadTable(List.of(posted)));
        section.append("\n| post → follow-up reminder readable | value |\n| --- | --- |\n")
                .append("| samples | ")
                .append(samples)
                .append(skipped.get() > 0 ? " (" + skipped.get() + " skipped: 64 already waiting)" : "")
                .append(" |\n| read | ")
                .append(latencies.length)
                .append(" |\n| not readable within ")
                .append(sizes.reminderWait().toSeconds())
                .append(" s of the load's end | ")
                .append(missing.get())
                .append(" |\n| p50 | ")
                .append(p50)
                .append(" |\n| p99 | ")
                .append(p99)
                .append(" |\n| slowest read | ")
                .append(latencies.length == 0 ? "n/a" : Stats.millis(latencies[latencies.length - 1] / 1e6))
                .append(" |\n");
        report.section(INTERACTIONS, section.toString());
        report.target(
                INTERACTIONS,
                "interactions posted through the gateway, sustained "
                        + sizes.interactions().toSeconds() + " s",
                "≥ 300/s, stretch 1,000 [77]",
                Stats.rate(rate) + " (non-2xx: " + posted.non2xxDetail() + ")",
                rate >= 1000 ? "met (stretch too)" : rate >= 300 ? "met" : "not met");
        report.target(
                INTERACTIONS + 1,
                "post → follow-up reminder readable",
                "p99 ≤ 1 s under that load [minutes]",
                "p50 " + p50 + ", p99 " + p99 + " (" + samples + " samples)",
                p99Met);
    }

    private String reminderPercentile(long[] foundNanos, int samples, double q) {
        if (samples == 0) {
            return "n/a";
        }
        int rank = Math.max(1, (int) Math.ceil(q * samples));
        if (rank > foundNanos.length) {
            return "> " + Stats.seconds(sizes.reminderWait().toSeconds()) + " (not readable)";
        }
        return Stats.millis(foundNanos[rank - 1] / 1e6);
    }

    private HttpRequest interaction(String member, String contactId, String what, LocalDate dueOn) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("contactIds", List.of(contactId));
        body.put("type", "call");
        body.put("direction", "outbound");
        body.put("occurredAt", Instant.now().minusSeconds(60).toString());
        body.put("summary", "Benchmark call");
        body.put("promises", List.of(Map.of("owedBy", "me", "what", what, "dueOn", dueOn.toString())));
        return PlatformClient.json(client.viaGateway(member, "POST", "/api/v1/interactions"), "POST", body)
                .build();
    }

    private void pollReminder(
            String member,
            String contactId,
            String what,
            String dueBefore,
            long sent,
            long until,
            ConcurrentLinkedQueue<Long> found,
            AtomicInteger missing) {
        String path =
                "/api/v1/reminders?kind=follow-up&contactId=" + contactId + "&dueBefore=" + dueBefore + "&limit=200";
        while (true) {
            long now = System.nanoTime();
            if (now > until) {
                missing.incrementAndGet();
                return;
            }
            try {
                PlatformClient.Answer answer =
                        client.send(client.viaGateway(member, "GET", path).GET().build());
                if (answer.ok()) {
                    for (JsonNode item : answer.json().path("items")) {
                        if (item.path("title").asString("").contains(what)) {
                            found.add(System.nanoTime() - sent);
                            return;
                        }
                    }
                }
                long waited = System.nanoTime() - sent;
                long pause = Math.min(2_000, Math.max(100, waited / 10 / 1_000_000));
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                missing.incrementAndGet();
                return;
            } catch (Exception e) {
                // A failed poll is retried: the sample's figure is when the reminder is readable.
                try {
                    Thread.sleep(200);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    missing.incrementAndGet();
                    return;
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------- list curve

    private void curveSteps() throws Exception {
        for (int step : sizes.curve()) {
            measureProbe(Stats.count(step), step);
        }
    }

    private void curveAfter() throws Exception {
        measureProbe("after the import and the large member", 0);
        if (options.with100k()) {
            measureProbe(Stats.count(100_000), 100_000);
        }
    }

    /** Fills the store to {@code target} contacts (none when 0), lets its events settle, then measures the probe. */
    private void measureProbe(String label, long target) throws Exception {
        if (probe == null) {
            probe = "bench-probe";
            importDirect(probe, 20, "probe");
        }
        fill(target);
        String settled = settle();
        Load.Result result = Load.run(
                "list-at-" + stored.get(),
                sizes.curveClients(),
                sizes.curveProbe(),
                Duration.ofSeconds(60),
                (c, seq) -> client.status(client.viaGateway(probe, "GET", "/api/v1/contacts?limit=1")
                        .GET()
                        .build()));
        synchronized (curve) {
            curve.add(new CurvePoint(label, stored.get(), result, settled));
        }
        if (result.ok() == 0) {
            // A figure too (nothing answered in time): kept in the curve, said among the problems.
            report.problem("List curve at " + Stats.count(stored.get()) + " stored contacts: no successful request in "
                    + Stats.seconds(result.seconds()) + " (" + result.non2xxDetail() + ")");
        }
    }

    private void curveSection() {
        List<CurvePoint> points;
        synchronized (curve) {
            points = List.copyOf(curve);
        }
        if (points.isEmpty()) {
            return;
        }
        StringBuilder section = new StringBuilder("## Another member's list as the store grows\n\n");
        section.append("A member with 20 contacts reads `GET /api/v1/contacts?limit=1` through the gateway (")
                .append(sizes.curveClients())
                .append(" clients, ")
                .append(sizes.curveProbe().toSeconds())
                .append(" s per step) while other members' contacts fill the store (imported straight into"
                        + " contacts-service, 25,000 rows at most per member). Before each step the benchmark"
                        + " waits (at most ")
                .append(sizes.settleBound().toSeconds())
                .append(" s) for the events of what was stored to be published and consumed, so that the relay"
                        + " and the consumers do not compete with the reads.");
        if (!options.with100k()) {
            section.append(" The 100,000 step is left out (it adds several minutes of imports and event"
                    + " publishing): `./rapport bench --with-100k` measures it.");
        }
        section.append("\n\n| contacts stored | requests/s | p50 | p99 | non-2xx | events before the step |\n")
                .append("| --- | --- | --- | --- | --- | --- |\n");
        for (CurvePoint point : points) {
            section.append("| ")
                    .append(Stats.count(point.stored()))
                    .append(point.label().startsWith("after") ? " (" + point.label() + ")" : "")
                    .append(" | ")
                    .append(Stats.rate(point.result().rate()))
                    .append(" | ")
                    .append(Stats.millis(point.result().percentileMillis(0.5)))
                    .append(" | ")
                    .append(Stats.millis(point.result().percentileMillis(0.99)))
                    .append(" | ")
                    .append(point.result().non2xxDetail())
                    .append(" | ")
                    .append(point.settled())
                    .append(" |\n");
        }
        report.section(CURVE, section.toString());
        CurvePoint first = points.getFirst();
        CurvePoint largest = points.stream()
                .max(java.util.Comparator.comparingLong(CurvePoint::stored))
                .orElseThrow();
        report.target(
                CURVE,
                "another member's list as the store grows",
                "one scan at most on the embedded store, curve at 1k/10k/30k/100k [22/s, p99 1.6 s at ~30k]",
                Stats.rate(first.result().rate()) + ", p99 "
                        + Stats.millis(first.result().percentileMillis(0.99))
                        + " at " + Stats.count(first.stored()) + " stored; "
                        + Stats.rate(largest.result().rate())
                        + ", p99 " + Stats.millis(largest.result().percentileMillis(0.99)) + " at "
                        + Stats.count(largest.stored()),
                "curve measured (scans are counted by item 4's query test, not here)");
    }

    /** Imports filler members until the store holds {@code target} contacts. */
    private void fill(long target) throws Exception {
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
    private String settle() throws Exception {
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

    // ---------------------------------------------------------------------------------------- import

    private void linkedInImport() throws Exception {
        String settled = settle();
        String member = IMPORTED_MEMBER;
        int rows = sizes.importRows();
        byte[] file = LinkedInCsv.generate(rows, "import");
        long start = System.nanoTime();
        JsonNode importReport = null;
        String failure = null;
        int firstStatus = 0;
        try {
            PlatformClient.Answer first = client.send(client.viaGateway(member, "POST", "/api/v1/imports/linkedin")
                    .timeout(IMPORT_TIMEOUT)
                    .header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(file))
                    .build());
            firstStatus = first.status();
            importReport =
                    awaitReport(first, location -> client.viaGateway(member, "GET", location), sizes.importBound());
        } catch (BenchException | java.io.IOException e) {
            failure = e.getMessage() == null ? e.toString() : e.getMessage();
        }
        Duration toReport = Duration.ofNanos(System.nanoTime() - start);
        int created = importReport == null ? rows : importReport.path("created").asInt();
        String eventsFailure = null;
        Duration toConsumed = null;
        try {
            events.awaitConsumed(
                    () -> events.contactAdded(member) >= created,
                    "the " + created + " ContactAdded of the import",
                    sizes.eventsBound());
            toConsumed = Duration.ofNanos(System.nanoTime() - start);
        } catch (BenchException e) {
            eventsFailure = e.getMessage();
        }
        long listed = countContacts(member);
        stored.addAndGet(listed >= 0 ? listed : created);
        boolean complete = importReport != null
                && importReport.path("rows").asInt() == rows
                && importReport.path("rejected").asInt() == 0
                && listed == created;
        String listedText = listed >= 0 ? Stats.count(listed) + " contacts listed afterwards" : "the count failed";
        String counts = importReport == null
                ? listedText
                : importReport.path("created").asInt() + " created, "
                        + importReport.path("merged").asInt()
                        + " merged, " + importReport.path("unchanged").asInt() + " unchanged, "
                        + importReport.path("rejected").asInt() + " rejected of "
                        + importReport.path("rows").asInt()
                        + " rows; " + listedText;

        StringBuilder section = new StringBuilder("## A ")
                .append(Stats.count(rows))
                .append("-row LinkedIn import through the gateway\n\n");
        section.append("`POST /api/v1/imports/linkedin` through the gateway with a generated `Connections.csv` (")
                .append(Stats.count(file.length))
                .append(" bytes, LinkedIn's layout: BOM, `Notes:` preamble, CRLF, quoted fields, an e-mail on one"
                        + " row in ten), for a new member, with ")
                .append(Stats.count(stored.get() - Math.max(0, listed)))
                .append(" contacts of others already stored (events before it: ")
                .append(settled)
                .append("). A `202 Accepted` is followed to its job until the report is there. The events are"
                        + " consumed when all of the member's `ContactAdded` are on `contacts.events` and every"
                        + " consumer group of the topic has committed past them.\n\n");
        section.append("| step | value |\n| --- | --- |\n")
                .append("| first answer | ")
                .append(firstStatus == 0 ? "none" : Integer.toString(firstStatus))
                .append(firstStatus == 202 ? " (a job)" : "")
                .append(" |\n| time to the report | ")
                .append(
                        failure == null
                                ? Stats.seconds(toReport.toMillis() / 1000.0)
                                : "no report (" + failure + "), after " + Stats.seconds(toReport.toMillis() / 1000.0))
                .append(" |\n| counts | ")
                .append(counts)
                .append(" |\n| time until every ContactAdded is consumed (from the upload) | ")
                .append(toConsumed != null ? Stats.seconds(toConsumed.toMillis() / 1000.0) : eventsFailure)
                .append(" |\n");
        report.section(IMPORT, section.toString());
        report.target(IMPORT, Stats.count(rows) + "-row import: complete", "complete [504 at 10 s]", counts, complete);
        report.target(
                IMPORT + 1,
                Stats.count(rows) + "-row import: report",
                "≤ 15 s",
                failure == null ? Stats.seconds(toReport.toMillis() / 1000.0) : "no report (" + failure + ")",
                failure == null && toReport.compareTo(Duration.ofSeconds(15)) <= 0);
        report.target(
                IMPORT + 2,
                Stats.count(rows) + "-row import: all events consumed",
                "≤ 60 s [263 s]",
                toConsumed != null
                        ? Stats.seconds(toConsumed.toMillis() / 1000.0)
                        : "not within " + sizes.eventsBound().toSeconds() + " s",
                toConsumed != null && toConsumed.compareTo(Duration.ofSeconds(60)) <= 0);
        // Figures too (the section says them): problems of the run, not a scenario that could not run.
        if (failure != null) {
            report.problem("The import through the gateway gave no report: " + failure);
        }
        if (eventsFailure != null) {
            report.problem("The import's events: " + eventsFailure);
        }
    }

    private void heavyReads() throws Exception {
        String member = IMPORTED_MEMBER;
        new HeavyReads(client, platform, report, HEAVY_READS)
                .run(member, countContacts(member), options.quick() ? 3 : 20);
    }

    // ---------------------------------------------------------------------------------------- large member

    private void bigMember() throws Exception {
        fill(sizes.othersHold());
        String member = "bench-large";
        importDirect(member, sizes.bigMemberContacts(), "large");
        List<String> ids = listIds(member);
        int reminders = Math.min(sizes.bigMemberReminders(), ids.size());
        // Promises due from a few days ago to two weeks ahead: some in today's digest, the rest upcoming.
        AtomicInteger next = new AtomicInteger();
        AtomicInteger logged = new AtomicInteger();
        ConcurrentLinkedQueue<String> refusals = new ConcurrentLinkedQueue<>();
        List<Thread> posters = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            posters.add(Thread.ofVirtual().start(() -> {
                for (int i = next.getAndIncrement(); i < reminders; i = next.getAndIncrement()) {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("contactIds", List.of(ids.get(i)));
                    body.put("type", "coffee");
                    body.put("occurredAt", Instant.now().minusSeconds(3600).toString());
                    body.put(
                            "promises",
                            List.of(Map.of(
                                    "owedBy",
                                    i % 3 == 0 ? "them" : "me",
                                    "what",
                                    "large " + i,
                                    "dueOn",
                                    today.plusDays(i % 18 - 3).toString())));
                    try {
                        PlatformClient.Answer answer = client.send(PlatformClient.json(
                                        client.direct(contacts, member, "POST", "/api/v1/interactions"), "POST", body)
                                .build());
                        if (answer.ok()) {
                            logged.incrementAndGet();
                        } else {
                            refusals.add(answer.status() + " " + PlatformClient.abbreviate(answer.body()));
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } catch (Exception e) {
                        refusals.add(e.toString());
                    }
                }
            }));
        }
        for (Thread poster : posters) {
            poster.join();
        }
        if (logged.get() < reminders) {
            throw new BenchException("Only " + logged.get() + " of " + reminders + " interactions with a promise were"
                    + " logged for the large member (first refusal: " + refusals.peek() + ")");
        }
        long deadline = System.nanoTime() + sizes.settleBound().toNanos();
        long open = 0;
        while (System.nanoTime() < deadline) {
            try {
                open = client.expectOk(
                                client.viaGateway(member, "GET", "/api/v1/reminders?status=open&kind=follow-up&limit=1")
                                        .timeout(SETUP_TIMEOUT)
                                        .GET()
                                        .build(),
                                "count the large member's open reminders")
                        .json()
                        .path("total")
                        .asLong();
            } catch (BenchException | java.io.IOException e) {
                log.warn("Counting the large member's open reminders failed (retried): {}", e.getMessage());
            }
            if (open >= reminders) {
                break;
            }
            Thread.sleep(500);
        }
        String backlog = "";
        if (open < reminders) {
            // Measured anyway: the reads are what this scenario is about; the backlog is said next to them.
            backlog = " Only " + open + " of the " + reminders + " follow-ups were open after waiting "
                    + sizes.settleBound().toSeconds() + " s for them (the reminders consumer was behind: consumer lag "
                    + events.lags() + ").";
            report.problem("A member with many contacts: " + backlog.strip());
        }
        String search = URLEncoder.encode("garcia", StandardCharsets.UTF_8);
        Map<String, String> endpoints = new LinkedHashMap<>();
        endpoints.put("digest", "/api/v1/digest/today");
        endpoints.put("contact list", "/api/v1/contacts");
        endpoints.put("search", "/api/v1/contacts?q=" + search);
        endpoints.put("network health", "/api/v1/network/health");
        List<Load.Result> results = new ArrayList<>();
        for (Map.Entry<String, String> endpoint : endpoints.entrySet()) {
            Load.Call call = (c, seq) -> client.status(
                    client.viaGateway(member, "GET", endpoint.getValue()).GET().build());
            Load.run("warm-up", sizes.endpointClients(), sizes.warmup(), Duration.ofSeconds(60), call);
            results.add(Load.run(
                    endpoint.getKey() + " `" + endpoint.getValue() + "`",
                    sizes.endpointClients(),
                    sizes.endpoint(),
                    Duration.ofSeconds(60),
                    call));
        }
        requireAnswers(results.toArray(Load.Result[]::new));
        StringBuilder section = new StringBuilder("## A member with ")
                .append(Stats.count(ids.size()))
                .append(" contacts and ")
                .append(Stats.count(open))
                .append(" open reminders\n\n");
        section.append("The member's contacts were imported (LinkedIn file, straight into contacts-service) and ")
                .append(reminders)
                .append(" interactions with a promise logged, due from 3 days ago to 2 weeks ahead; the reads"
                        + " start once the ")
                .append(reminders)
                .append(" follow-ups are open. Other members hold ")
                .append(Stats.count(stored.get() - ids.size()))
                .append(" contacts meanwhile. Each read through the gateway, ")
                .append(sizes.endpointClients())
                .append(" clients for ")
                .append(sizes.endpoint().toSeconds())
                .append(" s after ")
                .append(sizes.warmup().toSeconds())
                .append(" s of warm-up.")
                .append(backlog)
                .append("\n\n");
        section.append(loadTable(results));
        report.section(BIG_MEMBER, section.toString());
        Load.Result digest = results.getFirst();
        double digestP99 = digest.percentileMillis(0.99);
        report.target(
                BIG_MEMBER,
                "digest of a " + Stats.count(ids.size()) + "-contact member",
                "p99 ≤ 100 ms",
                "p50 " + Stats.millis(digest.percentileMillis(0.5)) + ", p99 " + Stats.millis(digestP99),
                digest.non2xx() == 0 && digestP99 <= 100);
        for (int i = 1; i < results.size(); i++) {
            Load.Result result = results.get(i);
            report.target(
                    BIG_MEMBER + i,
                    (i == 1 ? "contact list" : i == 2 ? "search" : "network health") + " of that member",
                    "(measured)",
                    "p50 " + Stats.millis(result.percentileMillis(0.5)) + ", p99 "
                            + Stats.millis(result.percentileMillis(0.99)),
                    "measured");
        }
    }

    // ---------------------------------------------------------------------------------------- helpers

    /** A load without a single 2xx is a figure too (reported as such), and a problem of the run. */
    private void requireAnswers(Load.Result... results) {
        for (Load.Result result : results) {
            if (result.ok() == 0) {
                report.problem(result.name() + ": no successful request in " + Stats.seconds(result.seconds()) + " ("
                        + result.non2xxDetail() + ")");
            }
        }
    }

    private static String loadTable(List<Load.Result> results) {
        StringBuilder table = new StringBuilder(
                "| load | requests/s (2xx) | p50 | p99 | 2xx | non-2xx |\n| --- | --- | --- | --- | --- | --- |\n");
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
                    .append(" |\n");
        }
        return table.toString();
    }

    /** How many contacts {@code member} has, or -1 (and a problem of the run) when the count fails. */
    private long countContacts(String member) {
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
    private List<String> listIds(String member) throws Exception {
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
    private int importDirect(String member, int rows, String tag) throws Exception {
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
    private JsonNode awaitReport(PlatformClient.Answer first, Function<String, HttpRequest.Builder> get, Duration bound)
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
        long deadline = System.nanoTime() + bound.toNanos();
        while (System.nanoTime() < deadline) {
            URI uri = URI.create(location);
            String path = uri.isAbsolute()
                    ? uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                    : location;
            PlatformClient.Answer job = client.send(get.apply(path).GET().build());
            if (!job.ok()) {
                throw new BenchException("the import's job " + location + " answered " + job.status() + " "
                        + PlatformClient.abbreviate(job.body()));
            }
            JsonNode body = job.json();
            String state = body.path("state")
                    .asString(body.path("status").asString(""))
                    .toLowerCase(Locale.ROOT);
            if (state.equals("failed") || state.equals("error")) {
                throw new BenchException("the import's job failed: " + PlatformClient.abbreviate(job.body()));
            }
            JsonNode found = reportIn(body);
            if (found != null && !found.path("created").isMissingNode()) {
                return found;
            }
            Thread.sleep(250);
        }
        throw new BenchException("the import's job " + location + " had no report after " + bound.toSeconds() + " s");
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
