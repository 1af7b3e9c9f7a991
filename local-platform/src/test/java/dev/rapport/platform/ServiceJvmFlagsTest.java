package dev.rapport.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceJvmFlagsTest {

    @Test
    void servicesRunWithBothCompilersASmallInitialHeapAndTheSerialCollector() {
        assertThat(ServiceProcess.jvmFlags(Map.of()))
                .containsExactly("-Xms32m", "-Xmx384m", "-XX:+UseSerialGC")
                .noneMatch(flag -> flag.startsWith("-XX:TieredStopAtLevel"));
    }

    @Test
    void rapportJvmFlagsReplaceTheDefaultsForMeasuringOtherChoices() {
        assertThat(ServiceProcess.jvmFlags(
                        Map.of("RAPPORT_JVM_FLAGS", " -Xmx384m  -XX:TieredStopAtLevel=1 -XX:+UseSerialGC ")))
                .containsExactly("-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
        assertThat(ServiceProcess.jvmFlags(Map.of("RAPPORT_JVM_FLAGS", "  "))).isEqualTo(ServiceProcess.JVM_FLAGS);
    }
}
