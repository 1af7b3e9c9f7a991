package dev.rapport.platform.bench;

import dev.rapport.platform.PlatformOptions;
import dev.rapport.platform.harness.HarnessOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * How {@code ./rapport bench} runs: full or quick sizes, where the report goes, the var dir (wiped at the
 * start) and the port offset of the platform it starts.
 *
 * @param only the scenarios to run (their short names), empty for all of them
 * @param portOffset the platform's port offset, or -1 to pick a free one
 */
record BenchOptions(
        boolean quick,
        boolean with100k,
        Set<String> only,
        Path out,
        Path varDir,
        int portOffset,
        String note,
        List<String> arguments,
        Path repoRoot) {

    static final String USAGE = """
            usage: ./rapport bench [--quick] [--with-100k] [--only NAMES] [--out FILE] [--var-dir DIR] [--port-offset N] [--note TEXT]
              --quick          small sizes, a few seconds per scenario (proves the harness; figures not comparable)
              --with-100k      also measure the list curve at 100,000 stored contacts (adds several minutes)
              --only NAMES     only these scenarios, comma-separated, of: gateway, interactions, curve, import,
                               heavy (heavy reads of the imported member: needs import), big; start-up and
                               memory are always measured. For a quick look: the report says which ran
              --out FILE       where the report goes (default docs/benchmarks.md; with --quick var/bench/benchmarks.md)
              --var-dir DIR    the platform's state, wiped at the start (default var/bench)
              --port-offset N  the platform's RAPPORT_PORT_OFFSET (default: the first free one from 600)
              --note TEXT      a line for the report's machine section (e.g. "shared with other builds")""";

    static BenchOptions parse(List<String> args, Path repoRoot) {
        boolean quick = false;
        boolean with100k = false;
        Set<String> only = Set.of();
        Path out = null;
        Path varDir = null;
        int portOffset = -1;
        String note = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--quick" -> quick = true;
                case "--with-100k" -> with100k = true;
                case "--only" -> only = scenarios(value(args, ++i, arg));
                case "--out" -> out = Path.of(value(args, ++i, arg));
                case "--var-dir" -> varDir = Path.of(value(args, ++i, arg));
                case "--note" -> note = value(args, ++i, arg);
                case "--port-offset" -> portOffset = HarnessOptions.portOffset(value(args, ++i, arg));
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        if (varDir == null) {
            varDir = repoRoot.resolve("var").resolve("bench");
        }
        if (out == null) {
            out = quick
                    ? varDir.resolve("benchmarks.md")
                    : repoRoot.resolve("docs").resolve("benchmarks.md");
        }
        return new BenchOptions(
                quick,
                with100k,
                only,
                out.toAbsolutePath().normalize(),
                varDir.toAbsolutePath().normalize(),
                portOffset,
                note,
                List.copyOf(args),
                repoRoot);
    }

    /** The scenarios' short names {@code --only} accepts. */
    static final Set<String> SCENARIOS = Set.of("gateway", "interactions", "curve", "import", "heavy", "big");

    private static Set<String> scenarios(String names) {
        Set<String> chosen = new java.util.LinkedHashSet<>();
        for (String name : names.split(",")) {
            String scenario = name.strip();
            if (!SCENARIOS.contains(scenario)) {
                throw new IllegalArgumentException("--only knows the scenarios "
                        + String.join(", ", new java.util.TreeSet<>(SCENARIOS)) + ", not '" + scenario + "'");
            }
            chosen.add(scenario);
        }
        if (chosen.contains("heavy") && !chosen.contains("import")) {
            throw new IllegalArgumentException("--only heavy needs import too: it reads the imported member");
        }
        return Set.copyOf(chosen);
    }

    /** Whether the scenario of this short name runs. */
    boolean runs(String scenario) {
        return only.isEmpty() || only.contains(scenario);
    }

    private static String value(List<String> args, int index, String option) {
        return HarnessOptions.value(args, index, option);
    }

    /** The command as typed, for the report. */
    String command() {
        return HarnessOptions.command("bench", arguments);
    }

    PlatformOptions platformOptions(int offset) {
        return HarnessOptions.platformOptions(repoRoot, varDir, offset);
    }

    Sizes sizes() {
        return quick ? Sizes.QUICK : Sizes.FULL;
    }

    /** Every size and duration of a run. */
    record Sizes(
            Duration warmupWindow,
            Duration warmupMax,
            Duration compare,
            int compareClients,
            int readerContacts,
            Duration interactions,
            int interactionClients,
            int promiseContacts,
            double samplesPerSecond,
            Duration reminderWait,
            int importRows,
            Duration importBound,
            Duration eventsBound,
            int bigMemberContacts,
            int bigMemberReminders,
            int othersHold,
            Duration endpoint,
            int endpointClients,
            List<Integer> curve,
            Duration curveProbe,
            int curveClients,
            Duration settleBound,
            Duration idleSettle) {

        static final Sizes FULL = new Sizes(
                Duration.ofSeconds(5),
                // The gateway's read by id still rose after 180 s (546/s, its compilers at 8 % of a core) in the full
                // run at 2a28a7d: a gateway measured warm needs longer.
                Duration.ofSeconds(300),
                Duration.ofSeconds(15),
                16,
                100,
                Duration.ofSeconds(60),
                32,
                300,
                2,
                Duration.ofSeconds(120),
                30_000,
                Duration.ofMinutes(5),
                Duration.ofMinutes(10),
                5_000,
                500,
                30_000,
                Duration.ofSeconds(15),
                4,
                List.of(1_000, 10_000, 30_000),
                Duration.ofSeconds(10),
                8,
                Duration.ofMinutes(3),
                Duration.ofSeconds(10));

        static final Sizes QUICK = new Sizes(
                Duration.ofSeconds(1),
                Duration.ofSeconds(2),
                Duration.ofSeconds(2),
                4,
                20,
                Duration.ofSeconds(3),
                4,
                20,
                2,
                Duration.ofSeconds(30),
                200,
                Duration.ofSeconds(60),
                Duration.ofSeconds(60),
                100,
                10,
                300,
                Duration.ofSeconds(2),
                2,
                List.of(150, 300),
                Duration.ofSeconds(2),
                2,
                Duration.ofSeconds(20),
                Duration.ofSeconds(1));
    }
}
