package dev.rapport.platform.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.platform.harness.QuickRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
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
        QuickRun run = QuickRun.of(Faults.class, "faults", "reliability.md", BOUND_MINUTES);
        assertThat(run.ended())
                .as("the quick fault suite ends within %d minutes; its output:%n%s", BOUND_MINUTES, run.tail())
                .isTrue();
        assertThat(run.alivePlatformProcesses("the suite's"))
                .as("processes left running")
                .isEmpty();
        String report =
                Files.exists(run.report()) ? Files.readString(run.report(), StandardCharsets.UTF_8) : "(no report)";
        assertThat(run.exitValue())
                .as(
                        "the quick fault suite's exit code (0: every check passed); its report:%n%s%nits output:%n%s",
                        report, run.tail())
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
}
