package dev.rapport.platform.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.platform.harness.Machine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuUseTest {

    @Test
    void eachScenarioShowsWhatEachProcessUsedDuringIt() {
        CpuUse cpu = new CpuUse();
        cpu.add(
                "Import",
                12.0,
                Map.of("launcher", Duration.ofSeconds(10), "gateway", Duration.ofSeconds(1)),
                Map.of("launcher", Duration.ofMillis(14_500), "gateway", Duration.ofSeconds(3)));

        String section = cpu.render();

        assertThat(section).contains("## CPU time per scenario");
        assertThat(section.lines().filter(line -> line.startsWith("| Import |")))
                .singleElement()
                .satisfies(line -> assertThat(line)
                        .contains("12.0 s")
                        .contains(" 4.5 |")
                        .contains(" 2.0 |")
                        .endsWith(" 6.5 |"));
    }

    @Test
    void theProcessesOfThePidFilesAreMeasuredByTheSystem(@TempDir Path varDir) throws Exception {
        Files.createDirectories(varDir.resolve("run"));
        Files.writeString(
                varDir.resolve("run/launcher.pid"),
                Long.toString(ProcessHandle.current().pid()));
        Files.writeString(varDir.resolve("run/gone.pid"), "999999999");

        Map<String, Duration> used = Machine.cpuByProcess(varDir);

        assertThat(used).containsOnlyKeys("launcher");
        assertThat(used.get("launcher")).isPositive();
    }
}
