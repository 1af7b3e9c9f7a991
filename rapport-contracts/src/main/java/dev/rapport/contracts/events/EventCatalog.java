package dev.rapport.contracts.events;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Names every event type on the wire and finds the record for a type name.
 *
 * <p>A type name is {@code rapport.<area>.<RecordName>.v<version>}, for example {@code
 * rapport.contacts.InteractionLogged.v1}. Additive changes keep the version; consumers ignore
 * unknown fields.
 */
public final class EventCatalog {

    /** The topic and CloudEvent source area of each producing service. */
    public enum Area {
        CONTACTS("contacts", ContactsEvent.class),
        CONTENT("content", ContentEvent.class),
        REMINDERS("reminders", RemindersEvent.class);

        private final String id;
        private final Class<? extends DomainEvent> family;

        Area(String id, Class<? extends DomainEvent> family) {
            this.id = id;
            this.family = family;
        }

        /** Short name of the area, as in type names. */
        public String id() {
            return id;
        }

        /** The Kafka topic that carries this area's events. */
        public String topic() {
            return id + ".events";
        }

        /** The CloudEvent {@code source} of this area's events. */
        public String source() {
            return "/rapport/" + id + "-service";
        }

        /** The sealed interface of this area's events. */
        public Class<? extends DomainEvent> family() {
            return family;
        }
    }

    public static final int VERSION = 1;

    private static final Map<String, Class<? extends DomainEvent>> BY_TYPE = Stream.of(Area.values())
            .flatMap(area -> Stream.of(area.family().getPermittedSubclasses())
                    .map(c -> Map.entry(
                            typeName(area, c.asSubclass(DomainEvent.class)), c.asSubclass(DomainEvent.class))))
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));

    private EventCatalog() {}

    /** The CloudEvent type of an event class published by an area. */
    public static String typeName(Area area, Class<? extends DomainEvent> eventClass) {
        if (!area.family().isAssignableFrom(eventClass)) {
            throw new IllegalArgumentException(eventClass.getSimpleName() + " is not published by " + area.id());
        }
        return "rapport." + area.id() + "." + eventClass.getSimpleName() + ".v" + VERSION;
    }

    /** The record class for a CloudEvent type, or empty for a type this build does not know. */
    public static Optional<Class<? extends DomainEvent>> classOf(String typeName) {
        return Optional.ofNullable(BY_TYPE.get(typeName));
    }

    /** Every known type name with its record class. */
    public static Map<String, Class<? extends DomainEvent>> all() {
        return BY_TYPE;
    }

    /** The type names of an area, keyed by record class, for documentation and tests. */
    public static Map<Class<? extends DomainEvent>, String> typesOf(Area area) {
        return Stream.of(area.family().getPermittedSubclasses())
                .map(c -> c.asSubclass(DomainEvent.class))
                .collect(Collectors.toUnmodifiableMap(Function.identity(), c -> typeName(area, c)));
    }
}
