package dev.rapport.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ServiceJvmFlagsTest {

    @Test
    void servicesRunWithBothCompilersASmallHeapThatShrinksTheSerialCollectorAndNativeTrimming() {
        assertThat(ServiceProcess.jvmFlags(Map.of()))
                .containsExactly(
                        "-Xmx384m",
                        "-Xms32m",
                        "-XX:+UseSerialGC",
                        "-XX:MinHeapFreeRatio=10",
                        "-XX:MaxHeapFreeRatio=20",
                        "-XX:TrimNativeHeapInterval=5000")
                .noneMatch(flag -> flag.startsWith("-XX:TieredStopAtLevel"));
    }

    @Test
    void theRunningJdkAcceptsTheChildrensFlags() throws Exception {
        JavaCommand java =
                JavaCommand.forRepository(Path.of("..").toAbsolutePath().normalize());
        List<String> command = new ArrayList<>(List.of(java.java().toString()));
        command.addAll(ServiceProcess.JVM_FLAGS);
        command.add("-version");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    @Test
    void rapportJvmFlagsReplaceTheDefaultsForMeasuringOtherChoices() {
        assertThat(ServiceProcess.jvmFlags(
                        Map.of("RAPPORT_JVM_FLAGS", " -Xmx384m  -XX:TieredStopAtLevel=1 -XX:+UseSerialGC ")))
                .containsExactly("-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
        assertThat(ServiceProcess.jvmFlags(Map.of("RAPPORT_JVM_FLAGS", "  "))).isEqualTo(ServiceProcess.JVM_FLAGS);
    }
}
