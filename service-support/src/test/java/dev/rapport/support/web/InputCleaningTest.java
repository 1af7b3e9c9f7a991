package dev.rapport.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class InputCleaningTest {

    @Test
    void textIsStrippedAndBlankIsAbsent() {
        assertThat(InputCleaning.trim("  Ada ")).isEqualTo("Ada");
        assertThat(InputCleaning.trim("   ")).isNull();
        assertThat(InputCleaning.trim(null)).isNull();
    }

    @Test
    void listsLoseBlanksAndRepeatsAndKeepTheirOrder() {
        assertThat(InputCleaning.clean(Arrays.asList(" b", null, "a", " ", "b ", "c")))
                .containsExactly("b", "a", "c");
        assertThat(InputCleaning.clean(null)).isEmpty();
        assertThat(InputCleaning.clean(null).add("x")).as("mutable").isTrue();
    }
}
