package dev.rapport.content.plan;

import java.time.Instant;
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
}
