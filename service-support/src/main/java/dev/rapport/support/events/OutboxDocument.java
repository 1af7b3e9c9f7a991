package dev.rapport.support.events;

import dev.rapport.contracts.events.DomainEvent;
import dev.rapport.contracts.events.EventHeader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Transient;
import org.springframework.data.annotation.Version;

/**
 * Base of every MongoDB document whose changes publish events (an aggregate).
 *
 * <p>A change records its events here ({@link #record(Function)}); the write path ({@link Aggregates}) stamps
 * them (id, time, member, tenant), appends them to {@link #outbox} and saves them in the same single-document
 * write as the change, so a change and its events are stored together or not at all (MongoDB multi-document
 * transactions are not available in the embedded store). The {@link OutboxRelay} publishes and removes them.
 * {@code @Version} makes a save from stale state fail instead of dropping events appended concurrently; the
 * relay's own removals do not bump the version, so at worst a concurrent save re-appends an already published
 * event, which consumers de-duplicate.
 */
public abstract class OutboxDocument {

    @Id
    protected String id;

    @Version
    protected Long version;

    protected String memberId;

    protected String tenantId;

    protected List<OutboxEntry> outbox = new ArrayList<>();

    /**
     * For an aggregate created by a request with an {@code Idempotency-Key}: which insert of which request made it
     * ({@link IdempotentScope}), so that a retry after a crash finds it instead of creating it again. Absent (not
     * written) otherwise.
     */
    protected String requestKey;

    /** Events recorded by the change in progress, stamped and moved to {@link #outbox} by the write path. */
    @Transient
    private List<Function<EventHeader, ? extends DomainEvent>> recorded = new ArrayList<>();

    public String getId() {
        return id;
    }

    public Long getVersion() {
        return version;
    }

    public String getMemberId() {
        return memberId;
    }

    public String getTenantId() {
        return tenantId;
    }

    /** Which insert of which idempotent request created this aggregate, or null. */
    public String getRequestKey() {
        return requestKey;
    }

    /** The events stored and not yet published. */
    public List<OutboxEntry> getOutbox() {
        return outbox;
    }

    /**
     * Records an event of the change in progress; the write path gives it its header (a fresh id, the time of
     * the write, this document's member and tenant) when it saves the change.
     */
    public void record(Function<EventHeader, ? extends DomainEvent> event) {
        recorded().add(event);
    }

    /**
     * Records an event that already has its header, e.g. one whose id is derived from its cause so that doing
     * the same thing twice gives the same event; the write path checks it belongs to this document's member.
     */
    public void record(DomainEvent event) {
        recorded().add(header -> event);
    }

    /** Whether a change recorded events that are not saved yet. */
    public boolean hasRecordedEvents() {
        return !recorded().isEmpty();
    }

    /** Hands the recorded events over to the write path, once. */
    List<Function<EventHeader, ? extends DomainEvent>> takeRecorded() {
        List<Function<EventHeader, ? extends DomainEvent>> taken = List.copyOf(recorded());
        recorded().clear();
        return taken;
    }

    private List<Function<EventHeader, ? extends DomainEvent>> recorded() {
        // Documents read from the store are built without running field initializers of transient fields.
        if (recorded == null) {
            recorded = new ArrayList<>();
        }
        return recorded;
    }
}
