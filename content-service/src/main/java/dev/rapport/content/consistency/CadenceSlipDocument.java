package dev.rapport.content.consistency;

import dev.rapport.support.events.OutboxDocument;
import java.time.Instant;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One missed period of one channel of one member. Its id is derived from the three, so inserting it is the
 * atomic claim that makes ContentCadenceSlipped go out once, whichever instance sees the slip first; the
 * event travels in its outbox.
 */
@Document("cadence_slips")
class CadenceSlipDocument extends OutboxDocument {

    String channel;
    String periodStart;
    String periodEnd;
    int target;
    int published;
    Instant detectedAt;

    protected CadenceSlipDocument() {}

    CadenceSlipDocument(String memberId, String tenantId, String channel, String periodStart) {
        this.id = memberId + "|" + channel + "|" + periodStart;
        this.memberId = memberId;
        this.tenantId = tenantId;
        this.channel = channel;
        this.periodStart = periodStart;
    }
}
