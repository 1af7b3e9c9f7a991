package dev.rapport.content.plan;

import java.time.Instant;
import java.util.Map;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/** The stored plan of one member (one per member: the id is the member id). */
@Document("content_plans")
class ContentPlanDocument {

    @Id
    String memberId;

    @Version
    Long version;

    String tenantId;
    ContentPlan plan;
    Instant updatedAt;

    /** When each channel's current cadence was set: periods before it are never judged. */
    Map<String, Instant> cadenceSetAt;

    /** When the cadence-slip sweep must next look at this plan (the end of the earliest current period). */
    Instant nextCadenceCheckAt;
}
