package dev.rapport.contacts.privacy;

import dev.rapport.contacts.privacy.domain.ErasureProgress;
import dev.rapport.support.events.OutboxDocument;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A member's request to be erased, with each service's confirmation; {@code MemberErasureRequested} travels
 * in its outbox, so the request and its event are stored together or not at all.
 */
@Document("erasure_requests")
class ErasureRequestDocument extends OutboxDocument {

    static final String PENDING = "pending";
    static final String COMPLETED = "completed";

    String status;
    Instant requestedAt;
    Instant completedAt;
    /** When each service that confirmed purged the member's data, by service name. */
    Map<String, Instant> erasedAt = new HashMap<>();

    protected ErasureRequestDocument() {}

    ErasureRequestDocument(String id, String memberId, String tenantId, Instant requestedAt) {
        this.id = id;
        this.memberId = memberId;
        this.tenantId = tenantId;
        this.requestedAt = requestedAt;
        this.status = PENDING;
    }

    ErasureProgress progress() {
        return new ErasureProgress(erasedAt);
    }
}
