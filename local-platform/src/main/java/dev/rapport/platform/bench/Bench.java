package dev.rapport.platform.bench;

import dev.rapport.platform.PlatformException;
import dev.rapport.platform.PlatformOptions;
import dev.rapport.platform.RunningPlatform;
import dev.rapport.platform.harness.HarnessPlatform;
import dev.rapport.platform.harness.HarnessRuns;
import dev.rapport.platform.harness.Machine;
import dev.rapport.platform.harness.PlatformClient;
import dev.rapport.platform.harness.Stats;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./rapport bench}: starts the embedded platform in a var dir of its own, runs every scenario of
 * issue 15 against it, stops everything it started (also on failure or Ctrl-C) and writes the report.
 * Exit code 0 when every scenario was measured (whether or not its target was met), 1 when one could
 * not be, 2 for bad arguments.
 */
public final class Bench {

    private static final Logger log = LoggerFactory.getLogger(Bench.class);
    static final String MARKER = ".rapport-bench";

    private Bench() {}

    public static void main(String[] args) {
        List<String> arguments = List.of(args);
        if (arguments.contains("--help") || arguments.contains("-h")) {
            System.out.println(BenchOptions.USAGE);
            return;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(arguments, PlatformOptions.findRepoRoot());
        } catch (IllegalArgumentException | PlatformException e) {
            System.err.println("rapport bench: " + e.getMessage());
            System.err.println(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        System.exit(run(options));
    }

    static int run(BenchOptions options) {
        Report report = new Report();
        AtomicBoolean complete = new AtomicBoolean();
        HarnessPlatform.Run run = HarnessPlatform.run(
                "rapport bench",
                "Benchmark (" + (options.quick() ? "quick" : "full") + ")",
                !options.quick(),
                options.varDir(),
                () -> prepareVarDir(options.varDir()),
                options.portOffset(),
                Bench::freeOffset,
                options::platformOptions,
                (platform, startup) -> {
                    try (PlatformClient client = new PlatformClient(
                                    platform.gatewayUrl(),
                                    platform.tokenIssuer(),
                                    platform.secrets().identitySecret());
                            EventWatcher events = new EventWatcher(platform.kafkaBootstrap())) {
                        Scenarios scenarios = new Scenarios(options, platform, client, events, report, startup);
                        complete.set(scenarios.runAll());
                    } catch (RuntimeException e) {
                        log.error("The benchmark failed", e);
                        report.problem("The benchmark stopped: " + e);
                    }
                });
        if (run == null) {
            return 1;
        }
        String header = header(options, run.started(), run.loadBefore(), run.offset());
        if (!HarnessPlatform.writeReport("rapport bench", options.out(), report.render(header, options.quick()))) {
            return 1;
        }
        if (!complete.get()) {
            System.err.println("rapport bench: some scenarios could not be measured:");
            report.problems().forEach(problem -> System.err.println("  " + problem));
            return 1;
        }
        return 0;
    }

    private static String header(BenchOptions options, String started, String loadBefore, int offset) {
        BenchOptions.Sizes sizes = options.sizes();
        String rateLimit = System.getenv().getOrDefault("RAPPORT_GATEWAY_RATE_LIMIT_RPS", "20 (the default)");
        StringBuilder header = new StringBuilder();
        header.append("# Benchmarks\n\n");
        header.append("Written by `")
                .append(options.command())
                .append("` (a JDK 21 or later as `JAVA_HOME`), which builds what changed, starts the embedded"
                        + " platform (`./rapport run`'s: Kafka broker, MongoDB-wire server, the four services) in a"
                        + " var dir of its own, runs every scenario below against it, stops it and rewrites this"
                        + " file. Every figure and ratio comes from this one run. `./rapport bench --quick` runs the"
                        + " same scenarios at small sizes in a few minutes (the test `BenchQuickIT` does).\n\n");
        header.append("| | |\n| --- | --- |\n");
        header.append("| date (UTC) | ").append(started).append(" |\n");
        header.append("| command | `").append(options.command()).append("` |\n");
        header.append("| cores | ")
                .append(Machine.cores())
                .append(" (")
                .append(Machine.cpuModel())
                .append(") |\n");
        long memory = Machine.memoryKb();
        header.append("| memory | ")
                .append(memory < 0 ? "n/a" : Stats.megabytes(memory))
                .append(" |\n");
        header.append("| JDK | ").append(Machine.jdk()).append(" |\n");
        header.append("| OS | ").append(Machine.os()).append(" |\n");
        header.append("| load average before the run (1 / 5 / 15 min) | ")
                .append(loadBefore)
                .append(" |\n");
        header.append("| load average after the run | ")
                .append(Machine.loadAverage())
                .append(" |\n");
        if (options.note() != null && !options.note().isBlank()) {
            header.append("| note | ").append(options.note()).append(" |\n");
        }
        header.append(
                        "\nHow it measures: closed-loop load (each client, a virtual thread with `java.net.http.HttpClient`,"
                                + " sends its next request when the previous one answered); latencies are per request, client side;"
                                + " rates count 2xx answers only, and every other status is counted and shown. Every measured"
                                + " load runs right after a warm-up of the same requests that lasts until their rate stops rising"
                                + " (each load's table says how long it took): the JIT compilers need many thousands of requests"
                                + " before a JVM's rate settles, and on two shared cores that takes a minute or more (the"
                                + " gateway's read by id served 85/s in its first 15 s and over 1,000/s two minutes later),"
                                + " so a few seconds of warm-up measured the compilers instead of the system; a warm-up also"
                                + " goes on while the JIT compiler threads of the platform's processes are still busy (from"
                                + " `/proc/<pid>/task/*/stat`), since a rate can stand still for 15 s as they compile. The bench's own"
                                + " process is the platform's launcher, so it also hosts the MongoDB-wire server and shares the"
                                + " machine's cores with the services it measures. The gateway's per-member rate limit is set to ")
                .append(rateLimit)
                .append(" requests/s (`RAPPORT_GATEWAY_RATE_LIMIT_RPS`, set by `./rapport bench`) so that it does not"
                        + " cap the figures; the limiter still runs on every request. Sizes: ")
                .append(sizes.compareClients())
                .append(" clients for the gateway comparison, ")
                .append(sizes.interactionClients())
                .append(" for the interactions, ")
                .append(sizes.endpointClients())
                .append(" for the large member's reads and ")
                .append(sizes.curveClients())
                .append(" for the list curve; port offset ")
                .append(offset)
                .append(".");
        if (Machine.loadAverage1() > 1.0) {
            header.append(" The load average before the run shows that other work shared the machine: figures may"
                    + " be lower than on an idle machine.");
        }
        return header.toString();
    }

    /** Wipes the var dir: only when it is new, empty, or an earlier benchmark's (it holds the marker). */
    static void prepareVarDir(Path varDir) {
        HarnessRuns.prepareVarDir(varDir, MARKER, "benchmark", "./rapport bench", BenchException::new);
    }

    /** The first offset from 600 (in steps of 10, below 5,000) whose every port is free. */
    static int freeOffset() {
        return HarnessRuns.freeOffset(BenchException::new);
    }

    /** Runs {@code body} for at most {@code bound}; interrupts it after that and says so. */
    static <T> T bounded(String what, Duration bound, Callable<T> body) throws Exception {
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        Future<T> future = executor.submit(body);
        try {
            return future.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new BenchException(what + " did not finish within " + bound.toSeconds() + " s");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        } finally {
            // Not close(): it would wait for a body that ignores the interruption.
            executor.shutdownNow();
        }
    }

    static Map<String, Long> resident(RunningPlatform platform) {
        return Machine.residentByProcess(platform.varDir());
    }
}
