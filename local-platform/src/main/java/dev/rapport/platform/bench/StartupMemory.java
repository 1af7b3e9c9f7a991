package dev.rapport.platform.bench;

import dev.rapport.platform.harness.Await;
import dev.rapport.platform.harness.Machine;
import dev.rapport.platform.harness.Stats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Start-up time and the resident memory of every process: idle after start-up, and after the scenarios. */
final class StartupMemory {

    private static final long GIGABYTE_AND_A_HALF_KB = 1536L * 1024;

    private static final Duration SECOND = Duration.ofSeconds(1);

    private Map<String, Long> idleResident = Map.of();

    private static final Duration IDLE_BOUND = Duration.ofMinutes(1);

    private Duration idleAfter = Duration.ZERO;

    private boolean quiet = true;

    private final Scenarios run;

    StartupMemory(Scenarios run) {
        this.run = run;
    }

    /**
     * Measures the resident memory once the platform is idle: at least {@code idleSettle} after start-up, and its
     * processes together used under a tenth of a core over the last second (start-up tasks and the compilers done),
     * waited for at most a minute more (then measured anyway, and said).
     */
    void idle() {
        Duration settle = run.sizes.idleSettle();
        long notBefore = System.nanoTime() + settle.toNanos();
        long[] last = {cpuMillis()};
        try {
            idleAfter = Await.until("the platform idle", settle.plus(IDLE_BOUND), (count, previous) -> SECOND, () -> {
                long now = cpuMillis();
                boolean calm = now - last[0] < SECOND.toMillis() / 10;
                last[0] = now;
                return calm && System.nanoTime() >= notBefore;
            });
        } catch (Await.NotInTime e) {
            idleAfter = settle.plus(IDLE_BOUND);
            quiet = false;
        }
        idleResident = Bench.resident(run.platform);
        long total = total(idleResident);
        run.report.target(
                Scenarios.MEMORY,
                "whole platform: start-up",
                "≤ 45 s [43–47 s]",
                Stats.seconds(run.startup.toMillis() / 1000.0),
                run.startup.compareTo(Duration.ofSeconds(45)) <= 0);
        run.report.target(
                Scenarios.MEMORY + 1,
                "whole platform: resident memory, idle",
                "≤ 1.5 GB [1.9–2.4 GB]",
                Stats.megabytes(total),
                total <= GIGABYTE_AND_A_HALF_KB);
    }

    /** The CPU time all of the platform's processes have used so far, in milliseconds. */
    private long cpuMillis() {
        return Machine.cpuByProcess(run.platform.varDir()).values().stream()
                .mapToLong(Duration::toMillis)
                .sum();
    }

    void memory() {
        Map<String, Long> after = Bench.resident(run.platform);
        StringBuilder section = new StringBuilder("## Start-up and resident memory\n\n");
        section.append("Start-up (from the launcher's start to every service ready, on a fresh var dir): **")
                .append(Stats.seconds(run.startup.toMillis() / 1000.0))
                .append("**.\n\nResident memory (`VmRSS` of `/proc/<pid>/status`) of every process, idle (at least ")
                .append(run.sizes.idleSettle().toSeconds())
                .append(" s after start-up, once the processes together used under a tenth of a core for a second: ")
                .append(Stats.seconds(idleAfter.toMillis() / 1000.0))
                .append(quiet ? "" : ", never that quiet: measured anyway")
                .append(" after start-up) and after the scenarios:\n\n");
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
        run.report.section(Scenarios.MEMORY, section.toString());
        run.report.target(
                Scenarios.MEMORY + 2,
                "whole platform: resident memory after the scenarios",
                "(measured)",
                Stats.megabytes(total(after)),
                "measured");
    }

    private static long total(Map<String, Long> resident) {
        return resident.values().stream().mapToLong(Long::longValue).sum();
    }
}
