package dev.rapport.support.events;

import dev.rapport.contracts.events.DomainEvent;
import dev.rapport.contracts.events.EventCatalog;
import dev.rapport.support.RapportProperties;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** Turns a domain event of this service into an outbox entry (type name, key, JSON data). */
public class OutboxEvents {

    private final RapportProperties properties;
    private final JsonMapper json;
    private final EventTracing tracing;

    public OutboxEvents(RapportProperties properties, JsonMapper json) {
        this(properties, json, EventTracing.NONE);
    }

    public OutboxEvents(RapportProperties properties, JsonMapper json, EventTracing tracing) {
        this.properties = properties;
        this.json = json;
        this.tracing = tracing;
    }

    /**
     * The entry for an event, with the trace context of the change in progress (so that the relay, later and
     * maybe elsewhere, publishes it in the same trace); fails for an event this service's area does not publish.
     */
    public OutboxEntry entry(DomainEvent event) {
        Map<String, String> trace = tracing.current();
        return new OutboxEntry(
                event.eventId(),
                EventCatalog.typeName(properties.area(), event.getClass()),
                event.subject(),
                event.memberId(),
                event.occurredAt(),
                json.writeValueAsString(event),
                trace.get(EventTracing.TRACEPARENT),
                trace.get(EventTracing.TRACESTATE));
    }
}
