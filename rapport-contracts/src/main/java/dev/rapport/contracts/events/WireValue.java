package dev.rapport.contracts.events;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A value of a closed vocabulary of the events, with the string that stands for it on the wire. Every such enum's
 * {@code toString()} answers {@link #wire()}, which is how a JSON mapper configured to read and write enums by
 * their {@code toString()} (Jackson 3's default) carries it, without annotations in this framework-free module.
 */
public interface WireValue {

    /** The value's string in the JSON payload. */
    String wire();

    /** The constant of {@code type} whose wire value is {@code wire}; an IllegalArgumentException names the known ones. */
    static <E extends Enum<E> & WireValue> E parse(Class<E> type, String wire) {
        for (E value : type.getEnumConstants()) {
            if (value.wire().equals(wire)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown " + type.getSimpleName() + " '" + wire + "': use " + names(type));
    }

    /** Every wire value of {@code type}, comma-separated, for messages and documentation. */
    static <E extends Enum<E> & WireValue> String names(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(WireValue::wire).collect(Collectors.joining(", "));
    }
}
