package dev.rapport.platform.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.platform.PlatformOptions;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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
    void theQuickBenchmarkMeasuresEveryScenarioAndStopsWhatItStarted() throws Exception {
        Path repo = PlatformOptions.findRepoRoot();
        Path work = Files.createTempDirectory(repo.resolve("local-platform/target"), "bench-quick-");
        Path varDir = work.resolve("var");
        Path out = work.resolve("benchmarks.md");
        Path log = work.resolve("bench.log");
        Path module = repo.resolve("local-platform");
        String classpath = module.resolve("target/classes") + File.pathSeparator + module.resolve("target/lib/*");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                classpath,
                Bench.class.getName(),
                "--quick",
                "--var-dir",
                varDir.toString(),
                "--out",
                out.toString(),
                "--port-offset",
                Integer.toString(freeOffset())));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(repo.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // As ./rapport bench sets them.
        builder.environment().put("RAPPORT_GATEWAY_RATE_LIMIT_RPS", "1000000");
        builder.environment().put("RAPPORT_GATEWAY_RATE_LIMIT_BURST", "1000000");
        Process bench = builder.start();
        boolean ended = bench.waitFor(BOUND_MINUTES, TimeUnit.MINUTES);
        if (!ended) {
            // SIGTERM: the benchmark's shutdown hook stops the platform.
            bench.destroy();
            if (!bench.waitFor(60, TimeUnit.SECONDS)) {
                bench.descendants().forEach(ProcessHandle::destroyForcibly);
                bench.destroyForcibly();
            }
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(ended)
                .as("the quick benchmark ends within %d minutes; its output:%n%s", BOUND_MINUTES, tail(output))
                .isTrue();
        assertThat(bench.exitValue())
                .as("the quick benchmark's exit code; its output:%n%s", tail(output))
                .isZero();
        assertThat(alivePlatformProcesses(varDir, output))
                .as("processes left running")
                .isEmpty();

        String report = Files.readString(out, StandardCharsets.UTF_8);
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

    /** The platform's processes still alive: those of its pid files and every pid its log names. */
    private static List<Long> alivePlatformProcesses(Path varDir, String output) throws IOException {
        List<Long> pids = new ArrayList<>();
        Matcher logged = Pattern.compile("pid (\\d+)").matcher(output);
        while (logged.find()) {
            pids.add(Long.parseLong(logged.group(1)));
        }
        Path run = varDir.resolve("run");
        if (Files.isDirectory(run)) {
            try (Stream<Path> files = Files.list(run)) {
                for (Path file : files.toList()) {
                    pids.add(Long.parseLong(Files.readString(file).trim()));
                }
            }
        }
        assertThat(pids)
                .as("the benchmark's log names the processes it started")
                .isNotEmpty();
        return pids.stream()
                .distinct()
                .filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .toList();
    }

    private static int freeOffset() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int offset = 1_000 + 10 * ThreadLocalRandom.current().nextInt(400);
            if (new dev.rapport.platform.Ports(offset)
                    .purposes().keySet().stream().allMatch(dev.rapport.platform.PortCheck::isFree)) {
                return offset;
            }
        }
        throw new IllegalStateException("No port offset between 1000 and 5000 has all its ports free");
    }

    private static String tail(String output) {
        List<String> lines = output.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
    }
}
