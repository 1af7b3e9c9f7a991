package dev.rapport.platform.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
