package dev.rapport.platform.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.platform.PlatformOptions;
import dev.rapport.platform.PortCheck;
import dev.rapport.platform.Ports;
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
 * {@code ./rapport faults --quick} end to end, as the script runs it (its own JVM, the raised rate limit): the
 * platform starts, the broker is killed and restarted, the store stopped and restarted, poison records written,
 * hostile requests sent to every operation, and every exact check passes; everything it started is stopped. The long
 * form is never part of the build.
 */
class FaultsQuickIT {

    /**
     * About 4 minutes on an idle 2-core machine (a minute of it the platform's start-up); the bound leaves room for a
     * CI machine shared with other builds.
     */
    private static final long BOUND_MINUTES = 12;

    @Test
    void theQuickFaultSuitePassesEveryCheckAndStopsWhatItStarted() throws Exception {
        Path repo = PlatformOptions.findRepoRoot();
        Path work = Files.createTempDirectory(repo.resolve("local-platform/target"), "faults-quick-");
        Path varDir = work.resolve("var");
        Path out = work.resolve("reliability.md");
        Path log = work.resolve("faults.log");
        Path module = repo.resolve("local-platform");
        String classpath = module.resolve("target/classes") + File.pathSeparator + module.resolve("target/lib/*");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                classpath,
                Faults.class.getName(),
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
        // As ./rapport faults sets them.
        builder.environment().put("RAPPORT_GATEWAY_RATE_LIMIT_RPS", "1000000");
        builder.environment().put("RAPPORT_GATEWAY_RATE_LIMIT_BURST", "1000000");
        Process faults = builder.start();
        boolean ended = faults.waitFor(BOUND_MINUTES, TimeUnit.MINUTES);
        if (!ended) {
            // SIGTERM: the suite's shutdown hook stops the platform.
            faults.destroy();
            if (!faults.waitFor(60, TimeUnit.SECONDS)) {
                faults.descendants().forEach(ProcessHandle::destroyForcibly);
                faults.destroyForcibly();
            }
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(ended)
                .as("the quick fault suite ends within %d minutes; its output:%n%s", BOUND_MINUTES, tail(output))
                .isTrue();
        assertThat(alivePlatformProcesses(varDir, output))
                .as("processes left running")
                .isEmpty();
        String report = Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "(no report)";
        assertThat(faults.exitValue())
                .as(
                        "the quick fault suite's exit code (0: every check passed); its report:%n%s%nits output:%n%s",
                        report, tail(output))
                .isZero();

        assertThat(report)
                .contains("# Reliability under faults", "| form | quick |", "./rapport faults --quick")
                .doesNotContain("FAILED", "Stopped before its checks");
        for (String scenario : List.of(
                "## 1. Broker outage",
                "## 2. Store outage",
                "## 5. Poison records",
                "## 6. Hostile input on every operation")) {
            assertThat(report).contains(scenario);
        }
        List<String> checks = report.lines()
                .filter(line -> line.startsWith("| ") && line.endsWith("| passed |"))
                .toList();
        assertThat(checks).as("the exact checks of the four scenarios").hasSizeGreaterThanOrEqualTo(30);
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
        assertThat(pids).as("the suite's log names the processes it started").isNotEmpty();
        return pids.stream()
                .distinct()
                .filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .toList();
    }

    private static int freeOffset() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int offset = 1_000 + 10 * ThreadLocalRandom.current().nextInt(400);
            if (new Ports(offset).purposes().keySet().stream().allMatch(PortCheck::isFree)) {
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
