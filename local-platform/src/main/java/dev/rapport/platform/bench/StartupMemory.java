package dev.rapport.platform.bench;

import dev.rapport.platform.harness.Stats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Start-up time and the resident memory of every process: idle after start-up, and after the scenarios. */
final class StartupMemory {

    private static final long GIGABYTE_AND_A_HALF_KB = 1536L * 1024;

    private Map<String, Long> idleResident = Map.of();

    private final Scenarios run;

    StartupMemory(Scenarios run) {
        this.run = run;
    }

    void idle() throws InterruptedException {
        Thread.sleep(run.sizes.idleSettle().toMillis());
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

    void memory() {
        Map<String, Long> after = Bench.resident(run.platform);
        StringBuilder section = new StringBuilder("## Start-up and resident memory\n\n");
        section.append("Start-up (from the launcher's start to every service ready, on a fresh var dir): **")
                .append(Stats.seconds(run.startup.toMillis() / 1000.0))
                .append("**.\n\nResident memory (`VmRSS` of `/proc/<pid>/status`) of every process, idle (")
                .append(run.sizes.idleSettle().toSeconds())
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
