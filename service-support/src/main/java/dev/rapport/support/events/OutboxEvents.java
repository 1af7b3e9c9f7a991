package dev.rapport.support.events;

import dev.rapport.contracts.events.DomainEvent;
import dev.rapport.contracts.events.EventCatalog;
import dev.rapport.support.RapportProperties;
import tools.jackson.databind.json.JsonMapper;

/** Turns a domain event of this service into an outbox entry (type name, key, JSON data). */
public class OutboxEvents {

    private final RapportProperties properties;
    private final JsonMapper json;

    public OutboxEvents(RapportProperties properties, JsonMapper json) {
        this.properties = properties;
        this.json = json;
    }

    /** The entry for an event; fails for an event this service's area does not publish. */
    public OutboxEntry entry(DomainEvent event) {
        return new OutboxEntry(
                event.eventId(),
                EventCatalog.typeName(properties.area(), event.getClass()),
                event.subject(),
                event.memberId(),
                event.occurredAt(),
                json.writeValueAsString(event));
    }
}
