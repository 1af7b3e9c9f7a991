package dev.rapport.support.privacy;

import dev.rapport.contracts.events.DomainEvent;
import dev.rapport.contracts.events.MemberDataErased;
import dev.rapport.contracts.events.MemberErasureRequested;
import dev.rapport.support.RapportProperties;
import dev.rapport.support.events.Aggregates;
import dev.rapport.support.events.EventHandler;
import dev.rapport.support.privacy.domain.Tombstone;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The member's right to be forgotten in this service: serves {@code MemberErasureRequested} (purge, tombstone,
 * confirm with {@code MemberDataErased}) and keeps every consumed event of an erased member from before their
 * erasure from bringing data back.
 */
public class MemberErasure {

    private static final Logger log = LoggerFactory.getLogger(MemberErasure.class);

    private final MongoTemplate mongo;
    private final MemberDataPurge purge;
    private final Aggregates aggregates;
    private final Clock clock;
    private final String service;

    public MemberErasure(
            MongoTemplate mongo,
            MemberDataPurge purge,
            Aggregates aggregates,
            Clock clock,
            RapportProperties properties) {
        this.mongo = mongo;
        this.purge = purge;
        this.aggregates = aggregates;
        this.clock = clock;
        this.service = properties.area().id();
    }

    /**
     * The service's event handler behind the erasure rules: erasure requests are served here, confirmations
     * pass, and any other event of an erased member that happened before the erasure is dropped. It acts on erasure
     * requests and on what {@code handler} acts on.
     */
    public EventHandler guarding(EventHandler handler) {
        return new EventHandler() {
            @Override
            public void handle(DomainEvent event) {
                switch (event) {
                    case MemberErasureRequested request -> erase(request);
                    case MemberDataErased confirmation -> handler.handle(confirmation);
                    default -> {
                        if (buried(event)) {
                            log.info(
                                    "Dropping event {} of member {}: it happened before their data was erased",
                                    event.eventId(),
                                    event.memberId());
                        } else {
                            handler.handle(event);
                        }
                    }
                }
            }

            @Override
            public boolean actsOn(Class<? extends DomainEvent> type) {
                return type == MemberErasureRequested.class || handler.actsOn(type);
            }
        };
    }

    private boolean buried(DomainEvent event) {
        ErasureTombstoneDocument stored = mongo.findById(event.memberId(), ErasureTombstoneDocument.class);
        return stored != null && stored.tombstone().buries(event.occurredAt());
    }

    /** Purges the member's data unless this request asks for nothing that still exists, then confirms it. */
    void erase(MemberErasureRequested request) {
        ErasureTombstoneDocument stored = mongo.findById(request.memberId(), ErasureTombstoneDocument.class);
        Tombstone previous = stored == null ? null : stored.tombstone();
        Tombstone.Step step = Tombstone.stepFor(previous, request.requestId(), request.occurredAt());
        if (step == Tombstone.Step.NOTHING) {
            log.info("Erasure request {} was already confirmed", request.requestId());
            return;
        }
        if (step == Tombstone.Step.PURGE) {
            long deleted = purge.purge(request.memberId());
            log.info(
                    "Erased {} documents of member {} for request {}",
                    deleted,
                    request.memberId(),
                    request.requestId());
        }
        ErasureTombstoneDocument tombstone =
                stored != null ? stored : new ErasureTombstoneDocument(request.memberId(), request.tenantId());
        tombstone.set(Tombstone.answering(previous, request.requestId(), step, clock.instant()));
        tombstone.record(header -> new MemberDataErased(
                header.withEventId(confirmationId(request.requestId())), request.requestId(), service));
        aggregates.save(tombstone);
    }

    /** Derived from the request, so that a confirmation sent again after a crash is the same event. */
    private String confirmationId(String requestId) {
        return UUID.nameUUIDFromBytes((service + ":erased:" + requestId).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
