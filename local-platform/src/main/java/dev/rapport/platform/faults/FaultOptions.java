package dev.rapport.platform.faults;

import dev.rapport.platform.PlatformOptions;
import dev.rapport.platform.harness.HarnessOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How {@code ./rapport faults} runs: the long or the quick form, where the report goes, the var dir (wiped at the
 * start) and the port offset of the platform it starts.
 *
 * @param portOffset the platform's port offset, or -1 to pick a free one
 * @param soak how long the soak runs when {@code --soak-minutes} says so, else null (the form's default)
 */
record FaultOptions(
        boolean quick,
        Path out,
        Path varDir,
        int portOffset,
        java.util.Set<Integer> only,
        Duration soak,
        List<String> arguments,
        Path repoRoot) {

    /** The scenarios the quick form runs by default. */
    static final java.util.Set<Integer> QUICK_SCENARIOS = java.util.Set.of(1, 2, 5, 6);

    static final String USAGE = """
            usage: ./rapport faults [--quick] [--only N,M] [--soak-minutes M] [--out FILE] [--var-dir DIR]
                                    [--port-offset N]
              --quick          the bounded form CI runs (FaultsQuickIT): shorter faults, fewer requests
              --out FILE       where the report goes (default docs/reliability.md; with --quick var/faults/reliability.md)
              --var-dir DIR    the platform's state, wiped at the start (default var/faults)
              --port-offset N  the platform's RAPPORT_PORT_OFFSET (default: the first free one from 600)
              --only 1,2,5,6   run only these scenarios (by their number in issue 13); the quick form runs 1, 2, 5
                               and 6 unless told otherwise, the long form every one (1 to 8). Scenario 8
                               (scale-out) needs two instances of each service: with --only 8 the platform
                               starts with them, otherwise the scenario starts a second platform of its own
              --soak-minutes M how long the soak (scenario 7) runs (default 10; 0.5 in the quick form, which runs it
                               only when --only names it)""";

    static FaultOptions parse(List<String> args, Path repoRoot) {
        boolean quick = false;
        Path out = null;
        Path varDir = null;
        int portOffset = -1;
        java.util.Set<Integer> only = java.util.Set.of();
        Duration soak = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--quick" -> quick = true;
                case "--out" -> out = Path.of(value(args, ++i, arg));
                case "--var-dir" -> varDir = Path.of(value(args, ++i, arg));
                case "--port-offset" -> portOffset = HarnessOptions.portOffset(value(args, ++i, arg));
                case "--only" -> {
                    String value = value(args, ++i, arg);
                    try {
                        only = java.util.Arrays.stream(value.split(","))
                                .map(String::trim)
                                .map(Integer::valueOf)
                                .collect(java.util.stream.Collectors.toUnmodifiableSet());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(
                                "--only needs scenario numbers such as 1,2, not '" + value + "'");
                    }
                }
                case "--soak-minutes" -> {
                    String value = value(args, ++i, arg);
                    double minutes;
                    try {
                        minutes = Double.parseDouble(value);
                    } catch (NumberFormatException e) {
                        minutes = Double.NaN;
                    }
                    if (!(minutes > 0 && minutes <= 24 * 60)) {
                        throw new IllegalArgumentException(
                                "--soak-minutes needs a number of minutes above 0 (at most a day), not '" + value
                                        + "'");
                    }
                    soak = Duration.ofMillis(Math.round(minutes * 60_000));
                }
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        if (varDir == null) {
            varDir = repoRoot.resolve("var").resolve("faults");
        }
        if (out == null) {
            out = quick
                    ? varDir.resolve("reliability.md")
                    : repoRoot.resolve("docs").resolve("reliability.md");
        }
        return new FaultOptions(
                quick,
                out.toAbsolutePath().normalize(),
                varDir.toAbsolutePath().normalize(),
                portOffset,
                only,
                soak,
                List.copyOf(args),
                repoRoot);
    }

    private static String value(List<String> args, int index, String option) {
        return HarnessOptions.value(args, index, option);
    }

    /** The command as typed, for the report. */
    String command() {
        return HarnessOptions.command("faults", arguments);
    }

    /** Whether scenario {@code number} (issue 13's numbering) runs. */
    boolean runs(int number) {
        if (!only.isEmpty()) {
            return only.contains(number);
        }
        // The quick form stays within CI's budget: the scenarios issue 13 asks of it.
        return !quick || QUICK_SCENARIOS.contains(number);
    }

    PlatformOptions platformOptions(int offset) {
        // Scenario 8 alone: the platform runs two instances of each service, so the scenario needs no second one.
        return HarnessOptions.platformOptions(repoRoot, varDir, offset).withInstances(scaleOutOnly() ? 2 : 1);
    }

    /** Whether scenario 8 (scale-out) is the only one that runs. */
    boolean scaleOutOnly() {
        return only.equals(java.util.Set.of(ScaleOut.NUMBER));
    }

    Sizes sizes() {
        Sizes sizes = quick ? Sizes.QUICK : Sizes.LONG;
        return soak == null ? sizes : sizes.withSoak(soak);
    }

    /**
     * Every size and duration of a run.
     *
     * @param contacts contacts of the member the interactions are logged for
     * @param brokerInteractions interactions with one promise each posted during the broker scenario
     * @param brokerRate their rate (posts a second, spread over the clients)
     * @param brokerDown how long the broker stays dead
     * @param storeInteractions interactions posted just before the store stops
     * @param storeDown how long the store stays down
     * @param consumerEvents the backlog reminders-service is killed in the middle of
     * @param replayInteractions interactions with one promise each of the replay scenario's member
     * @param casesPerOperation generated hostile requests per operation and member (beyond the fixed kinds)
     * @param settle how long every consequence (reminders, events) may take to show after a fault
     * @param soak how long the soak's steady traffic runs
     * @param soakRate the soak's requests a second (a mix of reads, writes, imports and digests)
     * @param scaleWrites the writes of the scale-out scenario's load (interactions, reminders, content items,
     *     imports), one instance of each service killed a quarter of the way through
     * @param scaleThroughput interactions with one promise each posted for the throughput with two instances and
     *     again with one
     */
    record Sizes(
            int contacts,
            int brokerInteractions,
            int brokerRate,
            Duration brokerDown,
            int storeInteractions,
            Duration storeDown,
            int consumerEvents,
            int replayInteractions,
            int casesPerOperation,
            Duration settle,
            Duration soak,
            int soakRate,
            int scaleWrites,
            int scaleThroughput) {

        static final Sizes LONG = new Sizes(
                300,
                2_400,
                40,
                Duration.ofSeconds(30),
                600,
                Duration.ofSeconds(20),
                5_000,
                1_000,
                16,
                Duration.ofMinutes(4),
                Duration.ofMinutes(10),
                10,
                1_500,
                600);

        static final Sizes QUICK = new Sizes(
                30,
                150,
                25,
                Duration.ofSeconds(6),
                80,
                Duration.ofSeconds(6),
                400,
                100,
                4,
                Duration.ofMinutes(2),
                Duration.ofSeconds(30),
                10,
                200,
                100);

        /** These sizes with the soak lasting {@code soak} instead. */
        Sizes withSoak(Duration soak) {
            return new Sizes(
                    contacts,
                    brokerInteractions,
                    brokerRate,
                    brokerDown,
                    storeInteractions,
                    storeDown,
                    consumerEvents,
                    replayInteractions,
                    casesPerOperation,
                    settle,
                    soak,
                    soakRate,
                    scaleWrites,
                    scaleThroughput);
        }
    }
}
