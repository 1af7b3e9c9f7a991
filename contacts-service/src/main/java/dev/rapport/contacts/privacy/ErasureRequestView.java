package dev.rapport.contacts.privacy;

import dev.rapport.contacts.privacy.domain.ErasureProgress;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Map;

/** An erasure request as the API shows it. */
public record ErasureRequestView(
        String id,

        @Schema(description = "pending until every service has confirmed, then completed")
        String status,

        Instant requestedAt,
        Instant completedAt,

        @Schema(description = "contacts, reminders and content, each pending or erased (with when)")
        Map<String, ErasureProgress.ServiceStatus> services) {

    static ErasureRequestView of(ErasureRequestDocument request) {
        return new ErasureRequestView(
                request.getId(),
                request.status,
                request.requestedAt,
                request.completedAt,
                request.progress().byService());
    }
}
