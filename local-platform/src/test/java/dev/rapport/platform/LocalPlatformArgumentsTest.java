package dev.rapport.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LocalPlatformArgumentsTest {

    @Test
    void runTakesTheDemoAndOneOrTwoInstancesOfEachService() {
        assertThat(LocalPlatform.RunArguments.parse(List.of())).isEqualTo(new LocalPlatform.RunArguments(false, 1));
        assertThat(LocalPlatform.RunArguments.parse(List.of("--instances", "2", "--demo")))
                .isEqualTo(new LocalPlatform.RunArguments(true, 2));
        for (List<String> bad : List.of(List.of("--instances", "3"), List.of("--instances"), List.of("--verbose"))) {
            assertThatThrownBy(() -> LocalPlatform.RunArguments.parse(bad))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
