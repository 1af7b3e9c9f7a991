package dev.rapport.platform.faults;

import dev.rapport.platform.PlatformException;
import dev.rapport.platform.PlatformOptions;
import dev.rapport.platform.harness.HarnessPlatform;
import dev.rapport.platform.harness.HarnessRuns;
import dev.rapport.platform.harness.Machine;
import dev.rapport.platform.harness.PlatformClient;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./rapport faults}: starts the embedded platform in a var dir of its own, breaks it on purpose scenario
 * by scenario (issue 13), checks exact outcomes after each, stops everything it started (also on failure or
 * Ctrl-C) and writes the report. Exit code 0 when every check passed, 1 otherwise, 2 for bad arguments.
 */
public final class Faults {

    private static final Logger log = LoggerFactory.getLogger(Faults.class);
    static final String MARKER = ".rapport-faults";

    private Faults() {}

    public static void main(String[] args) {
        List<String> arguments = List.of(args);
        if (arguments.contains("--help") || arguments.contains("-h")) {
            System.out.println(FaultOptions.USAGE);
            return;
        }
        FaultOptions options;
        try {
            options = FaultOptions.parse(arguments, PlatformOptions.findRepoRoot());
        } catch (IllegalArgumentException | PlatformException e) {
            System.err.println("rapport faults: " + e.getMessage());
            System.err.println(FaultOptions.USAGE);
            System.exit(2);
            return;
        }
        System.exit(run(options));
    }

    static int run(FaultOptions options) {
        FaultReport report = new FaultReport();
        HarnessPlatform.Run run = HarnessPlatform.run(
                "rapport faults",
                "Fault suite (" + (options.quick() ? "quick" : "long") + ")",
                !options.quick(),
                options.varDir(),
                () -> prepareVarDir(options.varDir()),
                options.portOffset(),
                Faults::freeOffset,
                options::platformOptions,
                (platform, startup) -> {
                    try (PlatformClient client = new PlatformClient(
                            platform.gatewayUrl(),
                            platform.tokenIssuer(),
                            platform.secrets().identitySecret())) {
                        new FaultScenarios(options, platform, client, report).runAll();
                    } catch (RuntimeException e) {
                        log.error("The fault suite stopped", e);
                        report.start("Suite", "n/a", "n/a").error = e.toString();
                    }
                });
        if (run == null) {
            return 1;
        }
        String header = header(
                options,
                run.started(),
                run.loadBefore(),
                run.offset(),
                run.startup().toNanos() / 1e9);
        if (!HarnessPlatform.writeReport("rapport faults", options.out(), report.render(header))) {
            return 1;
        }
        if (!report.passed()) {
            System.err.println("rapport faults: some checks failed:");
            for (FaultReport.Scenario scenario : report.scenarios()) {
                if (scenario.error != null) {
                    System.err.println("  " + scenario.name + ": stopped: " + scenario.error);
                }
                scenario.failures()
                        .forEach(check -> System.err.println("  " + scenario.name + ": " + check.what() + ": expected "
                                + check.expected() + ", observed " + check.observed()));
            }
            return 1;
        }
        return 0;
    }

    private static String header(FaultOptions options, String started, String loadBefore, int offset, double startup) {
        FaultOptions.Sizes sizes = options.sizes();
        StringBuilder header = new StringBuilder();
        header.append("# Reliability under faults\n\n");
        header.append("Written by `")
                .append(options.command())
                .append("` (a JDK 21 or later as `JAVA_HOME`), which builds what changed, starts the embedded"
                        + " platform (`./rapport run`'s real processes: the Kafka broker in its own JVM, the"
                        + " MongoDB-wire server in the launcher's, the four services in theirs) in a var dir of its"
                        + " own, breaks it on purpose scenario after scenario, checks exact outcomes after each, stops"
                        + " everything and rewrites this file. ")
                .append(
                        options.quick()
                                ? "These figures come from the **quick form** (`--quick`, what CI runs in"
                                        + " `FaultsQuickIT`): scenarios 1, 2, 5 and 6 with shorter faults and fewer"
                                        + " requests."
                                : "These figures come from the **long form** (every scenario; 3, 4, 7 and 8"
                                        + " only there); `./rapport faults --quick` runs scenarios 1, 2, 5 and 6 at"
                                        + " reduced size (CI runs it in `FaultsQuickIT`).")
                .append(" Every wait is a condition polled until a deadline; a check compares an exact expected"
                        + " value (a count, a status, a digest) with the observed one.\n\n");
        header.append("| | |\n| --- | --- |\n");
        header.append("| date (UTC) | ").append(started).append(" |\n");
        header.append("| command | `").append(options.command()).append("` |\n");
        header.append("| form | ").append(options.quick() ? "quick" : "long").append(" |\n");
        header.append("| cores | ")
                .append(Machine.cores())
                .append(" (")
                .append(Machine.cpuModel())
                .append(") |\n");
        header.append("| JDK | ").append(Machine.jdk()).append(" |\n");
        header.append("| OS | ").append(Machine.os()).append(" |\n");
        header.append("| load average before the run (1 / 5 / 15 min) | ")
                .append(loadBefore)
                .append(" |\n");
        header.append("| platform start-up | ")
                .append(String.format(java.util.Locale.ROOT, "%.1f s", startup))
                .append(" |\n");
        header.append("| port offset | ").append(offset).append(" (loopback only) |\n");
        header.append("| sizes | ")
                .append(sizes.contacts())
                .append(" contacts; broker: ")
                .append(sizes.brokerInteractions())
                .append(" interactions at ")
                .append(sizes.brokerRate())
                .append("/s, dead ")
                .append(sizes.brokerDown().toSeconds())
                .append(" s; store: ")
                .append(sizes.storeInteractions())
                .append(" interactions, down ")
                .append(sizes.storeDown().toSeconds())
                .append(" s; consumer killed: a backlog of ")
                .append(sizes.consumerEvents())
                .append(" events; hostile input: ")
                .append(sizes.casesPerOperation())
                .append(" generated requests per operation and kind; replay: ")
                .append(sizes.replayInteractions())
                .append(" interactions; soak: ")
                .append(
                        sizes.soak().toSeconds() % 60 == 0
                                ? sizes.soak().toMinutes() + " min"
                                : sizes.soak().toSeconds() + " s")
                .append(" at ")
                .append(sizes.soakRate())
                .append("/s; scale-out: ")
                .append(sizes.scaleWrites())
                .append(" writes, ")
                .append(sizes.scaleThroughput())
                .append(" interactions per throughput |\n");
        return header.toString();
    }

    /** Wipes the var dir: only when it is new, empty, or an earlier fault run's (it holds the marker). */
    static void prepareVarDir(Path varDir) {
        HarnessRuns.prepareVarDir(varDir, MARKER, "fault run", "./rapport faults", FaultException::new);
    }

    /** The first offset from 600 (in steps of 10, below 5,000) whose every port is free. */
    static int freeOffset() {
        return HarnessRuns.freeOffset(FaultException::new);
    }
}
