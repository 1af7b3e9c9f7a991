package dev.rapport.platform.bench;

import dev.rapport.platform.harness.Stats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The CPU time each process of the platform used during each scenario, for the report: a figure that, unlike the
 * scenarios' times, hardly depends on what else the machine was doing, so two runs on a busy machine still compare.
 */
final class CpuUse {

    private record Row(String scenario, double wallSeconds, Map<String, Duration> used) {}

    private final List<Row> rows = new ArrayList<>();

    /** Records a scenario's CPU time per process: what each used between {@code before} and {@code after}. */
    synchronized void add(
            String scenario, double wallSeconds, Map<String, Duration> before, Map<String, Duration> after) {
        Map<String, Duration> used = new LinkedHashMap<>();
        after.forEach((process, total) -> used.put(process, total.minus(before.getOrDefault(process, Duration.ZERO))));
        rows.add(new Row(scenario, wallSeconds, used));
    }

    synchronized String render() {
        Set<String> processes = new LinkedHashSet<>();
        rows.forEach(row -> processes.addAll(row.used().keySet()));
        StringBuilder section = new StringBuilder("## CPU time per scenario\n\n");
        section.append("CPU seconds (user + system) each process used during each scenario, from the operating system's"
                        + " accounting (`ProcessHandle.Info.totalCpuDuration`); the launcher hosts the MongoDB-wire server and the"
                        + " benchmark's own clients. The machine has ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" cores: a scenario can use at most that many CPU seconds per second of its time.\n\n");
        section.append("| scenario | time |");
        processes.forEach(process -> section.append(' ').append(process).append(" |"));
        section.append(" total |\n| --- | --- |");
        processes.forEach(process -> section.append(" --- |"));
        section.append(" --- |\n");
        for (Row row : rows) {
            section.append("| ")
                    .append(row.scenario())
                    .append(" | ")
                    .append(Stats.seconds(row.wallSeconds()))
                    .append(" |");
            Duration total = Duration.ZERO;
            for (String process : processes) {
                Duration used = row.used().get(process);
                section.append(' ')
                        .append(used == null ? "n/a" : cpuSeconds(used))
                        .append(" |");
                total = used == null ? total : total.plus(used);
            }
            section.append(' ').append(cpuSeconds(total)).append(" |\n");
        }
        return section.toString();
    }

    private static String cpuSeconds(Duration used) {
        return String.format(java.util.Locale.ROOT, "%.1f", used.toMillis() / 1000.0);
    }
}
