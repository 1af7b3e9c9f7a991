package dev.rapport.contracts.events;

import java.time.Instant;

/** What every Rapport event carries, whichever service produced it. */
public interface DomainEvent {

    /** Unique id of this event; also the CloudEvent id, the key for de-duplication. */
    String eventId();

    /** When the fact happened (not when it was published). */
    Instant occurredAt();

    /** The member the event belongs to; also the Kafka record key, so one member's events stay ordered. */
    String memberId();

    /** The member's organization. */
    String tenantId();

    /** The CloudEvent subject: the id of the resource the event is about. */
    String subject();
}
