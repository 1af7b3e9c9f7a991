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
}
