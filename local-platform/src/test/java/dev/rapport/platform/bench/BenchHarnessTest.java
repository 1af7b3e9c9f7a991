package dev.rapport.platform.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.platform.harness.CompilerTime;
import dev.rapport.platform.harness.Load;
import dev.rapport.platform.harness.Machine;
import dev.rapport.platform.harness.Stats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchHarnessTest {

    @TempDir
    Path temp;

    @Test
    void aLoadCountsEveryStatusAndOnlyTwoHundredsInItsRate() {
        Load.Result result = Load.run("mixed", 2, Duration.ofMillis(300), Duration.ofSeconds(5), (client, seq) -> {
            Thread.sleep(5);
            if (seq % 5 == 4) {
                throw new IOException("refused");
            }
            return seq % 5 == 3 ? 503 : 200;
        });

        assertThat(result.ok()).isPositive();
        assertThat(result.non2xx()).isPositive();
        assertThat(result.errors()).isPositive();
        assertThat(result.statuses().keySet()).containsExactly(200, 503);
        assertThat(result.rate()).isCloseTo(result.ok() / result.seconds(), org.assertj.core.data.Offset.offset(0.01));
        assertThat(result.non2xxDetail()).contains("503×").contains("without an answer (IOException: refused)");
        assertThat(result.percentileMillis(0.99)).isGreaterThanOrEqualTo(result.percentileMillis(0.5));
    }

    @Test
    void aWarmUpEndsOnceTheRateStopsRisingAndNotBefore() {
        // The rule: the last window within 5 % of the one two windows before it, and above zero.
        assertThat(Load.settled(List.of(100.0, 102.0)))
                .as("two windows are too few")
                .isFalse();
        assertThat(Load.settled(List.of(100.0, 102.0, 104.0))).isTrue();
        assertThat(Load.settled(List.of(100.0, 50.0, 96.0)))
                .as("a dip in between does not matter")
                .isTrue();
        assertThat(Load.settled(List.of(85.0, 167.0, 209.0, 304.0, 453.0, 664.0)))
                .as("a JIT still compiling: every window well above the one two before")
                .isFalse();
        assertThat(Load.settled(List.of(850.0, 931.0, 1007.0, 890.0)))
                .as("within 5 % of 850")
                .isTrue();
        assertThat(Load.settled(List.of(0.0, 0.0, 0.0)))
                .as("nothing answered is not a settled rate")
                .isFalse();
        assertThat(new Load.WarmUp(35.2, 412, 0.021, true).describe())
                .isEqualTo("settled after 35 s at 412/s, compilers at 2 % of a core");

        // Run for real, a load that never answers 2xx never settles and stops at the cap.
        Load.WarmUp failing = Load.warmUp(
                "failing", 2, Duration.ofMillis(50), Duration.ofMillis(150), () -> Duration.ZERO, (client, seq) -> 503);
        assertThat(failing.settled()).isFalse();
        assertThat(failing.seconds()).isGreaterThanOrEqualTo(0.15);
        assertThat(failing.describe()).startsWith("still rising after ");
    }

    @Test
    void aWarmUpGoesOnWhileTheCompilersAreBusyEvenAtASteadyRate() {
        List<Double> steady = List.of(160.0, 158.0, 161.0);
        assertThat(Load.settled(steady)).as("the rate alone says settled").isTrue();
        assertThat(Load.settled(steady, 0.08))
                .as("compilers at 8 % of a core: still compiling")
                .isFalse();
        assertThat(Load.settled(steady, 0.02)).isTrue();
        assertThat(Load.settled(List.of(85.0, 167.0, 209.0), 0.0))
                .as("quiet compilers do not settle a rising rate")
                .isFalse();
    }

    @Test
    void compilerThreadsTimeIsReadAfterTheirSpacedName() {
        // A /proc/<pid>/task/<tid>/stat line of a C2 compiler thread: utime 4311 and stime 57 ticks.
        String stat = "27262 (C2 CompilerThre) S 1 27240 27240 0 -1 4194368 12 0 0 0 4311 57 0 0 20 0 40 0 "
                + "4130 3745447936 63456 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 -1 1 0 0 0 0 0";
        assertThat(Machine.cpuTicks(stat)).isEqualTo(4368);
        // On Linux, this JVM's own compiler threads are found and have compiled something by now.
        if (Files.isDirectory(Path.of("/proc/self/task"))) {
            long ticks = 0;
            try (var tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path task : tasks.toList()) {
                    ticks += Machine.compilerThreadTicks(task).orElse(0L);
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            assertThat(ticks).isPositive();
        }
    }

    @Test
    void compilerTimeReadsThePlatformsProcessesAndNeverGoesBack() throws IOException {
        // This JVM as the platform's one process.
        Files.createDirectories(temp.resolve("run"));
        Files.writeString(
                temp.resolve("run/launcher.pid"),
                Long.toString(ProcessHandle.current().pid()));
        CompilerTime time = new CompilerTime(temp);
        Duration first = time.get();
        Duration second = time.get();
        assertThat(second).isGreaterThanOrEqualTo(first);
        if (Files.isDirectory(Path.of("/proc/self/task"))) {
            assertThat(first).as("this JVM has compiled something by now").isPositive();
        }
    }

    @Test
    void percentilesAreNearestRank() {
        long[] nanos = new long[100];
        for (int i = 0; i < 100; i++) {
            nanos[i] = (i + 1) * 1_000_000L;
        }
        assertThat(Stats.percentileMillis(nanos, 0.5)).isEqualTo(50.0);
        assertThat(Stats.percentileMillis(nanos, 0.99)).isEqualTo(99.0);
        assertThat(Stats.percentileMillis(new long[0], 0.99)).isNaN();
    }

    @Test
    void theVarDirIsWipedOnlyWhenItIsABenchmarksOwn() throws IOException {
        Path someoneElses = temp.resolve("var");
        Files.createDirectories(someoneElses.resolve("mongo"));
        Files.writeString(someoneElses.resolve("identity-secret"), "keep me");

        assertThatThrownBy(() -> Bench.prepareVarDir(someoneElses))
                .isInstanceOf(BenchException.class)
                .hasMessageContaining("not a benchmark's var dir");
        assertThat(someoneElses.resolve("identity-secret")).exists();

        Path bench = temp.resolve("bench");
        Bench.prepareVarDir(bench);
        Files.createDirectories(bench.resolve("kafka/data"));
        Files.writeString(bench.resolve("kafka/data/segment"), "old run");
        Bench.prepareVarDir(bench);
        assertThat(bench.resolve("kafka")).doesNotExist();
        assertThat(bench.resolve(Bench.MARKER)).exists();
    }

    @Test
    void theQuickFormReportsOutsideTheDocsAndTheFullFormRewritesThem() {
        Path repo = temp.resolve("repo");
        assertThat(BenchOptions.parse(List.of(), repo).out()).isEqualTo(repo.resolve("docs/benchmarks.md"));
        assertThat(BenchOptions.parse(List.of("--quick"), repo).out())
                .isEqualTo(repo.resolve("var/bench/benchmarks.md"));
        assertThat(BenchOptions.parse(List.of("--quick", "--note", "shared machine"), repo)
                        .command())
                .isEqualTo("./rapport bench --quick --note \"shared machine\"");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--fast"), repo))
                .hasMessageContaining("unknown option --fast");
    }

    @Test
    void onlyRunsTheNamedScenariosAndRefusesUnknownOnesOrHeavyReadsWithoutTheirImport() {
        Path repo = temp.resolve("repo");
        BenchOptions some = BenchOptions.parse(List.of("--only", "import, heavy"), repo);
        assertThat(some.runs("import")).isTrue();
        assertThat(some.runs("heavy")).isTrue();
        assertThat(some.runs("gateway")).isFalse();
        assertThat(BenchOptions.parse(List.of(), repo).runs("gateway")).isTrue();
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--only", "import,fast"), repo))
                .hasMessageContaining("not 'fast'");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--only", "heavy"), repo))
                .hasMessageContaining("needs import");
    }

    @Test
    void anExportsContactsAreCountedToItsEndAndATruncatedExportFails() {
        String export = "{\"member\":{\"id\":\"m\"},\"contacts\":{\"memberId\":\"m\",\"cadences\":null,"
                + "\"contacts\":[{\"id\":\"a\",\"tags\":[\"x\"]},{\"id\":\"b\"}],\"interactions\":[{\"id\":\"i\"}]},"
                + "\"reminders\":{\"reminders\":[{\"id\":\"r\"}]},\"content\":{}}";

        assertThat(HeavyReads.exportedContacts(new java.io.ByteArrayInputStream(export.getBytes())))
                .isEqualTo(2);
        assertThatThrownBy(() -> HeavyReads.exportedContacts(new java.io.ByteArrayInputStream(
                        export.substring(0, export.length() - 20).getBytes())))
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void heavyReadsReportEveryProblemCountedByKind() {
        List<String> problems = new java.util.ArrayList<>(java.util.Collections.nCopies(20, "health: answered 504"));
        problems.add("export: answered 503");

        assertThat(HeavyReads.tally(problems)).isEqualTo("20 × health: answered 504; 1 × export: answered 503");
        assertThat(HeavyReads.tally(List.of())).isEqualTo("none");
    }
}
