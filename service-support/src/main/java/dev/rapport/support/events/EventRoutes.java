package dev.rapport.support.events;

import dev.rapport.contracts.events.DomainEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An {@link EventHandler} made of one action per event type: the types a consumer acts on are written once, as its
 * routes, and the inbox skips every other type before it touches the store ({@link EventHandler#actsOn}). Events are
 * records, so a type is matched exactly.
 */
public final class EventRoutes implements EventHandler {

    private final Map<Class<? extends DomainEvent>, Consumer<DomainEvent>> routes = new LinkedHashMap<>();

    /** Adds the action for events of {@code type}; a type routed twice is a programming error. */
    public <E extends DomainEvent> EventRoutes on(Class<E> type, Consumer<? super E> action) {
        if (routes.putIfAbsent(type, event -> action.accept(type.cast(event))) != null) {
            throw new IllegalStateException("two routes for " + type.getSimpleName());
        }
        return this;
    }

    @Override
    public void handle(DomainEvent event) {
        Consumer<DomainEvent> action = routes.get(event.getClass());
        if (action != null) {
            action.accept(event);
        }
    }

    @Override
    public boolean actsOn(Class<? extends DomainEvent> type) {
        return routes.containsKey(type);
    }
}
