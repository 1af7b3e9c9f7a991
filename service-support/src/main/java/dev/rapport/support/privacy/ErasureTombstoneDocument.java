package dev.rapport.support.privacy;

import dev.rapport.support.events.OutboxDocument;
import dev.rapport.support.privacy.domain.Tombstone;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A member's erasure tombstone ({@code _id} = member id), with the {@code MemberDataErased} confirmations
 * in its outbox: writing the tombstone and queueing the confirmation is one atomic write.
 */
@Document("erasure_tombstones")
class ErasureTombstoneDocument extends OutboxDocument {

    Instant erasedAt;
    List<String> requestIds = new ArrayList<>();

    protected ErasureTombstoneDocument() {}

    ErasureTombstoneDocument(String memberId, String tenantId) {
        this.id = memberId;
        this.memberId = memberId;
        this.tenantId = tenantId;
    }

    Tombstone tombstone() {
        return new Tombstone(erasedAt, requestIds);
    }

    void set(Tombstone tombstone) {
        erasedAt = tombstone.erasedAt();
        requestIds = new ArrayList<>(tombstone.requestIds());
    }
}
