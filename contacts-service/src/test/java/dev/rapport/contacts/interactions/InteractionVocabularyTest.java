package dev.rapport.contacts.interactions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.contracts.events.InteractionDirection;
import dev.rapport.contracts.events.InteractionKind;
import dev.rapport.contracts.events.OwedBy;
import jakarta.validation.constraints.Pattern;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the API accepts for an interaction can always be published: every accepted value has its wire value. */
class InteractionVocabularyTest {

    @Test
    void everyInteractionTypeTheApiAcceptsIsAnInteractionKindOfTheContracts() {
        List<String> accepted = Arrays.asList(InteractionTypes.PATTERN.split("\\|"));
        assertThat(accepted)
                .isNotEmpty()
                .allSatisfy(type -> assertThat(InteractionKind.of(type).wire()).isEqualTo(type));
        assertThat(Arrays.asList(InteractionTypes.LIST.split(", "))).containsExactlyElementsOf(accepted);
    }

    @Test
    void theDirectionsAndPromiseOwnersTheApiAcceptsAreThoseOfTheContracts() throws Exception {
        String direction = InteractionRequest.class
                .getDeclaredField("direction")
                .getAnnotation(Pattern.class)
                .regexp();
        assertThat(direction.split("\\|"))
                .containsExactlyInAnyOrder(Arrays.stream(InteractionDirection.values())
                        .map(InteractionDirection::wire)
                        .toArray(String[]::new));
        String owedBy = InteractionRequest.PromiseRequest.class
                .getDeclaredField("owedBy")
                .getAnnotation(Pattern.class)
                .regexp();
        assertThat(owedBy.split("\\|"))
                .containsExactlyInAnyOrder(
                        Arrays.stream(OwedBy.values()).map(OwedBy::wire).toArray(String[]::new));
    }
}
