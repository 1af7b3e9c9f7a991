package dev.rapport.content.items;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.contracts.events.ContentFormat;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The formats the API accepts are exactly the formats the events carry. */
class ItemFormatsTest {

    @Test
    void theApiAcceptsExactlyTheContentFormatsOfTheContracts() {
        assertThat(ItemFormats.PATTERN.split("\\|"))
                .containsExactly(Arrays.stream(ContentFormat.values())
                        .map(ContentFormat::wire)
                        .toArray(String[]::new));
    }
}
