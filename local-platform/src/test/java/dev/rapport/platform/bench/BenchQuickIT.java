package dev.rapport.platform.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.platform.harness.QuickRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code ./rapport bench --quick} end to end, as the script runs it (its own JVM, the raised rate limit):
 * the platform starts, every scenario is measured, everything stops, and the report has every section
 * with figures. The long benchmark itself is never part of the build.
 */
class BenchQuickIT {

    /**
     * About 2 minutes on an idle 2-core machine (half of it the platform's start-up); the bound leaves room
     * for a CI machine shared with other builds, where start-up alone has taken over 2 minutes.
     */
    private static final long BOUND_MINUTES = 10;

    private static final Pattern FIGURE = Pattern.compile("\\d[\\d,.]*( ?(ms|s|MB|/s|×))");

    @Test
    void aBenchmarkStoppedWhileItsPlatformStartsLeavesNothingRunning() throws Exception {
        QuickRun run = QuickRun.stoppedWhileStarting(Bench.class, "bench-stopped", "benchmarks.md");
        assertThat(run.ended())
                .as("the benchmark ends within a minute of SIGTERM; its output:%n%s", run.tail())
                .isTrue();
        assertThat(run.alivePlatformProcesses("the benchmark's"))
                .as("processes left running after SIGTERM during the start; its output:%n%s", run.tail())
                .isEmpty();
    }

    @Test
    void theQuickBenchmarkMeasuresEveryScenarioAndStopsWhatItStarted() throws Exception {
        QuickRun run = QuickRun.of(Bench.class, "bench", "benchmarks.md", BOUND_MINUTES);
        assertThat(run.ended())
                .as("the quick benchmark ends within %d minutes; its output:%n%s", BOUND_MINUTES, run.tail())
                .isTrue();
        assertThat(run.exitValue())
                .as("the quick benchmark's exit code; its output:%n%s", run.tail())
                .isZero();
        assertThat(run.alivePlatformProcesses("the benchmark's"))
                .as("processes left running")
                .isEmpty();

        String report = Files.readString(run.report(), StandardCharsets.UTF_8);
        assertThat(report)
                .contains("# Benchmarks", "| cores | ", "| memory | ", "| JDK | ", "| date (UTC) | ")
                .contains("./rapport bench --quick")
                .doesNotContain("Not measured", "| not measured |");
        for (String section : List.of(
                "## Targets",
                "## Start-up and resident memory",
                "## Gateway vs the same service called directly",
                "## Interactions with one promise each, through the gateway",
                "-row LinkedIn import through the gateway",
                "## A member with ",
                "## Another member's list as the store grows")) {
            String body = section(report, section);
            assertThat(FIGURE.matcher(body).find())
                    .as("section '%s' has figures:%n%s", section, body)
                    .isTrue();
        }
        List<String> targetRows = section(report, "## Targets")
                .lines()
                .filter(line -> line.startsWith("| ") && !line.startsWith("| measure") && !line.startsWith("| ---"))
                .toList();
        assertThat(targetRows).hasSizeGreaterThanOrEqualTo(12);
        for (String row : targetRows) {
            String[] cells = row.split("\\|");
            assertThat(cells[3]).as("the measured value of %s", row).containsPattern("\\d");
            assertThat(cells[4].trim()).as("the verdict of %s", row).matches("met.*|not met|measured|curve measured.*");
        }
        assertThat(section(report, "## Gateway vs the same service called directly"))
                .containsPattern("\\| read by id \\| \\d+\\.\\d\\d× \\|");
        assertThat(section(report, "## Interactions with one promise each, through the gateway"))
                .as("the CPU each post cost, and the ceiling it sets")
                .containsPattern("\\| \\*\\*total\\*\\* \\| \\*\\*\\d+\\.\\d\\*\\* \\|")
                .containsPattern("cores serve at most [\\d,.]+/s");
        assertThat(section(report, "## Problems during the run")).contains("None");
    }

    /** The text from {@code heading} to the next heading of the same level or higher. */
    private static String section(String report, String heading) {
        int start = report.indexOf(heading);
        assertThat(start)
                .as("the report has the section '%s':%n%s", heading, report)
                .isNotNegative();
        int lineStart = report.lastIndexOf('\n', start) + 1;
        int next = report.indexOf("\n## ", start + heading.length());
        return report.substring(lineStart, next < 0 ? report.length() : next);
    }
}
