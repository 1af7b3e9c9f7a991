package dev.rapport.support.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

/**
 * Base of every MongoDB document whose changes publish events.
 *
 * <p>Events are appended to {@link #outbox} and saved in the same single-document write as the
 * state change, so a change and its events are stored together or not at all (MongoDB
 * multi-document transactions are not available in the embedded store). The {@link OutboxRelay}
 * publishes and removes them. {@code @Version} makes a save from stale state fail instead of
 * dropping events appended concurrently; the relay's own removals do not bump the version, so at
 * worst a concurrent save re-appends an already published event, which consumers de-duplicate.
 */
public abstract class OutboxDocument {

    @Id
    protected String id;

    @Version
    protected Long version;

    protected String memberId;

    protected String tenantId;

    protected List<OutboxEntry> outbox = new ArrayList<>();

    /** While set and in the future, one relay instance is publishing this document's outbox. */
    protected Instant outboxLease;

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

    public List<OutboxEntry> getOutbox() {
        return outbox;
    }

    /** Queues an event to be saved with this document. */
    public void record(OutboxEntry entry) {
        outbox.add(entry);
    }
}
