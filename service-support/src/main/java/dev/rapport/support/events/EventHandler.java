package dev.rapport.support.events;

import dev.rapport.contracts.events.DomainEvent;

/**
 * What a service does with one consumed event. It must be idempotent by itself too (deterministic
 * ids, upserts): the processed-id check cannot be atomic with the handler's writes, so a crash
 * between the two replays the event once more.
 */
@FunctionalInterface
public interface EventHandler {

    void handle(DomainEvent event);

    /**
     * Whether events of {@code type} can do anything here. The inbox spends no store operation (processed check,
     * erasure check, processed mark) on a type its handler does not act on: a topic carries every event of its
     * producer, and most consumers act on a few types (an import's 30,000 {@code ContactAdded} reach reminders-service,
     * which does nothing with them). A handler built from {@link EventRoutes} answers its routes; a plain function is
     * taken to act on every type.
     */
    default boolean actsOn(Class<? extends DomainEvent> type) {
        return true;
    }
}
