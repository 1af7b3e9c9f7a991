package dev.rapport.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class WireValueTest {

    /** Every enum a field of an event (or of a record inside one) is typed with. */
    private static Set<Class<?>> enumsOnTheWire() {
        return EventCatalog.all().values().stream()
                .flatMap(WireValueTest::components)
                .map(RecordComponent::getType)
                .filter(Class::isEnum)
                .collect(Collectors.toSet());
    }

    private static Stream<RecordComponent> components(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).flatMap(c -> {
            if (c.getGenericType() instanceof java.lang.reflect.ParameterizedType p
                    && p.getActualTypeArguments()[0] instanceof Class<?> element
                    && element.isRecord()) {
                return Stream.concat(Stream.of(c), components(element));
            }
            return Stream.of(c);
        });
    }

    @Test
    void everyEnumOnTheWireSaysItsWireValueInToStringAndReadsItBack() throws Exception {
        assertThat(enumsOnTheWire())
                .contains(OwedBy.class, InteractionKind.class, ContactTier.class, ReminderKind.class, ClosedBy.class);
        for (Class<?> type : enumsOnTheWire()) {
            assertThat(WireValue.class).as(type.getSimpleName()).isAssignableFrom(type);
            List<String> wires = Arrays.stream(type.getEnumConstants())
                    .map(value -> ((WireValue) value).wire())
                    .toList();
            assertThat(wires).as("wire values of %s", type.getSimpleName()).doesNotHaveDuplicates();
            for (Object value : type.getEnumConstants()) {
                WireValue wire = (WireValue) value;
                assertThat(value.toString()).isEqualTo(wire.wire());
                assertThat(wire.wire()).matches("[a-z]+(-[a-z]+)*");
                assertThat(type.getMethod("of", String.class).invoke(null, wire.wire()))
                        .isSameAs(value);
            }
        }
    }

    @Test
    void theWireValuesAreThoseTheServicesHaveAlwaysSent() {
        assertThat(OwedBy.ME.wire()).isEqualTo("me");
        assertThat(OwedBy.THEM.wire()).isEqualTo("them");
        assertThat(InteractionDirection.of("outbound")).isEqualTo(InteractionDirection.OUTBOUND);
        assertThat(ReminderKind.FOLLOW_UP.toString()).isEqualTo("follow-up");
        assertThat(InteractionKind.of("linkedin-message")).isEqualTo(InteractionKind.LINKEDIN_MESSAGE);
        assertThat(ContactTier.ACQUAINTANCE.wire()).isEqualTo("acquaintance");
    }

    @Test
    void anUnknownWireValueIsRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> OwedBy.of("ME"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("me, them");
        assertThatThrownBy(() -> OwedBy.of(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
