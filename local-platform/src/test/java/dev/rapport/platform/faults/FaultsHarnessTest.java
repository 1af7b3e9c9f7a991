package dev.rapport.platform.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaultsHarnessTest {

    @TempDir
    Path temp;

    @Test
    void theQuickFormReportsOutsideTheDocsTheLongFormRewritesThemAndOnlyPicksScenarios() {
        FaultOptions quick = FaultOptions.parse(List.of("--quick", "--only", "1, 6"), temp);
        FaultOptions full = FaultOptions.parse(List.of(), temp);

        assertThat(quick.out()).isEqualTo(temp.resolve("var/faults/reliability.md"));
        assertThat(full.out()).isEqualTo(temp.resolve("docs/reliability.md"));
        assertThat(quick.runs(1)).isTrue();
        assertThat(quick.runs(2)).isFalse();
        assertThat(full.runs(2)).isTrue();
        assertThat(full.runs(3)).isTrue();
        assertThat(FaultOptions.parse(List.of("--quick"), temp).runs(3)).isFalse();
        assertThat(quick.command()).isEqualTo("./rapport faults --quick --only \"1, 6\"");
        assertThatThrownBy(() -> FaultOptions.parse(List.of("--only", "one"), temp))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theScaleOutAloneRunsThePlatformWithTwoInstancesOfEachServiceAndOnlyInTheLongForm() {
        assertThat(FaultOptions.parse(List.of("--only", "8"), temp)
                        .platformOptions(900)
                        .instances())
                .isEqualTo(2);
        assertThat(FaultOptions.parse(List.of("--only", "7,8"), temp)
                        .platformOptions(900)
                        .instances())
                .as("with other scenarios, the platform has one instance and scenario 8 starts its own")
                .isEqualTo(1);
        assertThat(FaultOptions.parse(List.of(), temp).platformOptions(900).instances())
                .isEqualTo(1);
        assertThat(FaultOptions.parse(List.of(), temp).runs(8)).isTrue();
        assertThat(FaultOptions.parse(List.of("--quick"), temp).runs(8)).isFalse();
        assertThat(FaultOptions.parse(List.of("--quick", "--only", "8"), temp).runs(8))
                .isTrue();
    }

    @Test
    void theSoakLastsTenMinutesInTheLongFormHalfAMinuteInTheQuickOneOrWhatSoakMinutesSays() {
        assertThat(FaultOptions.parse(List.of(), temp).sizes().soak()).isEqualTo(Duration.ofMinutes(10));
        assertThat(FaultOptions.parse(List.of("--quick"), temp).sizes().soak()).isEqualTo(Duration.ofSeconds(30));
        FaultOptions two = FaultOptions.parse(List.of("--only", "4,7", "--soak-minutes", "2"), temp);
        assertThat(two.sizes().soak()).isEqualTo(Duration.ofMinutes(2));
        assertThat(two.sizes().contacts()).isEqualTo(FaultOptions.Sizes.LONG.contacts());
        assertThat(FaultOptions.parse(List.of("--soak-minutes", "0.5"), temp)
                        .sizes()
                        .soak())
                .isEqualTo(Duration.ofSeconds(30));
        for (String bad : List.of("0", "-1", "ten", "NaN", "100000")) {
            assertThatThrownBy(() -> FaultOptions.parse(List.of("--soak-minutes", bad), temp))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("--soak-minutes");
        }
        // The quick form leaves 4 and 7 out (CI's budget) unless asked for; the long form runs them.
        assertThat(FaultOptions.parse(List.of("--quick"), temp).runs(4)).isFalse();
        assertThat(FaultOptions.parse(List.of("--quick"), temp).runs(7)).isFalse();
        assertThat(FaultOptions.parse(List.of(), temp).runs(7)).isTrue();
    }

    @Test
    void theHeapSlopeIsFittedToTheSamplesAfterTheFirstMinute() {
        List<double[]> flat =
                List.of(new double[] {0, 40}, new double[] {1, 80}, new double[] {2, 81}, new double[] {3, 79});
        assertThat(HeapSamples.slope(HeapSamples.trend(flat))).isCloseTo(-0.5, within(1e-9));
        List<double[]> leaking =
                List.of(new double[] {0, 40}, new double[] {1, 50}, new double[] {2, 60}, new double[] {3, 70});
        assertThat(HeapSamples.slope(HeapSamples.trend(leaking))).isCloseTo(10, within(1e-9));
        // Half a minute of soak: the two samples there are.
        assertThat(HeapSamples.slope(HeapSamples.trend(List.of(new double[] {0, 40}, new double[] {0.5, 41}))))
                .isCloseTo(2, within(1e-9));
        assertThat(HeapSamples.slope(List.of(new double[] {1, 40}))).isNaN();
    }

    @Test
    void theHeapInUseIsReadFromGcHeapInfoOfTheSerialAndG1Collectors() {
        String serial = """
                12345:
                 def new generation   total 9792K, used 2048K [0x00000000e8000000, 0x00000000e8aa0000)
                  eden space 8704K,  23% used [0x00000000e8000000, 0x00000000e8880000)
                 tenured generation   total 21576K, used 10240K [0x00000000e8aa0000, 0x00000000e9fb2000)
                 Metaspace       used 56789K, committed 57344K, reserved 1114112K
                """;
        assertThat(HeapSamples.heapUsedKb(serial)).isEqualTo(12_288);
        // JDK 25's Serial collector names its generations so.
        String jdk25 = """
                7565:
                DefNew     total 116160K, used 31005K [0x0000000687400000, 0x000000068f200000, 0x0000000704d50000)
                 eden space 103296K,  30% used [0x0000000687400000, 0x0000000689247658, 0x000000068d8e0000)
                 from space 12864K,   0% used [0x000000068d8e0000, 0x000000068d8e0000, 0x000000068e570000)
                Tenured    total 258048K, used 1166K [0x0000000704d50000, 0x0000000714950000, 0x0000000800000000)
                 the  space 258048K,   0% used [0x0000000704d50000, 0x0000000704e73ab8, 0x0000000714950000)
                 Metaspace       used 5678K, committed 5888K, reserved 1114112K
                  class space    used 512K, committed 640K, reserved 1048576K
                """;
        assertThat(HeapSamples.heapUsedKb(jdk25)).isEqualTo(32_171);
        assertThat(HeapSamples.heapUsedKb(" garbage-first heap   total 262144K, used 51200K [0x0, 0x1)\n"))
                .isEqualTo(51_200);
        assertThatThrownBy(() -> HeapSamples.heapUsedKb("Could not attach")).isInstanceOf(FaultException.class);
    }

    @Test
    void theSoakMixHoldsImportsWritesDigestsAndReadsInFixedShares() {
        assertThat(Soak.Kind.count(Soak.Kind.INTERACTION, 20)).isEqualTo(4);
        assertThat(Soak.Kind.count(Soak.Kind.IMPORT, 20)).isEqualTo(1);
        assertThat(Soak.Kind.count(Soak.Kind.DIGEST, 20)).isEqualTo(2);
        assertThat(Soak.Kind.count(Soak.Kind.IMPORT, 21)).isEqualTo(2);
        long counted = java.util.Arrays.stream(Soak.Kind.values())
                .mapToLong(kind -> Soak.Kind.count(kind, 1_234))
                .sum();
        assertThat(counted).isEqualTo(1_234);
        for (long seq = 0; seq < 40; seq++) {
            assertThat(Soak.Kind.of(seq)).isEqualTo(Soak.Kind.of(seq + 20));
        }
    }

    @Test
    void theReplayReadsTheInboxOutcomesFromPrometheusAndTypesByName() {
        String prometheus = """
                # TYPE rapport_events_consumed_total counter
                rapport_events_consumed_total{application="reminders-service",outcome="duplicate",type="rapport.contacts.InteractionLogged.v1"} 120.0
                rapport_events_consumed_total{application="reminders-service",outcome="duplicate",type="rapport.content.ContentPublished.v1"} 3.0
                rapport_events_consumed_total{application="reminders-service",outcome="processed",type="rapport.contacts.ContactArchived.v1"} 1.0
                rapport_events_consumed_total{application="reminders-service",outcome="not-acted-on",type="rapport.contacts.ContactAdded.v1"} 30000.0
                rapport_events_consumed_other_total{outcome="duplicate"} 9.0
                """;
        assertThat(InboxMetrics.consumedOutcomes(prometheus))
                .isEqualTo(Map.of("duplicate", 123L, "processed", 1L, "not-acted-on", 30000L));
        assertThat(InboxMetrics.consumedOf(prometheus, "not-acted-on", "rapport.contacts.ContactAdded.v1"))
                .isEqualTo(30000L);
        assertThat(InboxMetrics.consumedOf(prometheus, "duplicate", "rapport.contacts.InteractionLogged.v1"))
                .isEqualTo(120L);
        assertThat(InboxMetrics.consumedOf(prometheus, "not-acted-on", "rapport.contacts.InteractionLogged.v1"))
                .isZero();
    }

    @Test
    void hostileStringsReachTheServerAsWrittenLoneSurrogatesIncluded() {
        assertThat(HostileValues.json(Map.of("a", "x\uD800\u0000\"\u202E")))
                .isEqualTo("{\"a\":\"x\\ud800\\u0000\\\"\u202E\"}");
        assertThat(HostileValues.json(List.of(1, true, List.of()))).isEqualTo("[1,true,[]]");
        // In a URL a lone surrogate is sent as the bytes of its invalid UTF-8 form; a pair as its code point.
        assertThat(HostileValues.encode("a/\uD800\uD835\uDD4F")).isEqualTo("a%2F%ED%A0%80%F0%9D%95%8F");
    }

    @Test
    void wrongTypesAreNeverOnesJacksonWouldCoerce() {
        assertThat(HostileValues.wrongType("integer")).isEqualTo("not a number");
        assertThat(HostileValues.wrongType("string")).isInstanceOf(Map.class);
        assertThat(HostileValues.wrongType("array")).isInstanceOf(Map.class);
        assertThat(HostileValues.wrongType("object")).isInstanceOf(List.class);
    }

    @Test
    void theVarDirIsWipedOnlyWhenItIsAnEarlierRunsOrEmpty() throws IOException {
        Path someoneElses = Files.createDirectories(temp.resolve("theirs"));
        Files.writeString(someoneElses.resolve("keep.txt"), "mine");
        assertThatThrownBy(() -> Faults.prepareVarDir(someoneElses)).isInstanceOf(FaultException.class);
        assertThat(someoneElses.resolve("keep.txt")).exists();

        Path ours = temp.resolve("faults");
        Faults.prepareVarDir(ours);
        Files.writeString(ours.resolve("old.log"), "x");
        Faults.prepareVarDir(ours);
        assertThat(ours.resolve("old.log")).doesNotExist();
        assertThat(ours.resolve(Faults.MARKER)).exists();
    }
}
