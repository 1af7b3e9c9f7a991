package dev.rapport.contacts.groups;

import dev.rapport.support.events.OutboxDocument;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A group a member takes part in (forum, association, meetup, Slack community …) with its
 * participation clock and the participations logged, as stored. Participations live in the group's
 * own document so that logging one and moving the clock is a single atomic write.
 */
@Document("groups")
public class GroupDocument extends OutboxDocument {

    String name;
    String kind;
    String url;
    String notes;
    int cadenceDays;
    List<String> goalIds = new ArrayList<>();
    List<Participation> participations = new ArrayList<>();
    Instant lastParticipationAt;
    Instant nextParticipationDueAt;
    /** Whether a quiet episode is running: set by the sweep, cleared by the next participation. */
    boolean quiet;

    Instant quietSince;
    int episode;
    Instant createdAt;
    Instant updatedAt;

    protected GroupDocument() {}

    GroupDocument(String id, String memberId, String tenantId, Instant now) {
        this.id = id;
        this.memberId = memberId;
        this.tenantId = tenantId;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public String getName() {
        return name;
    }

    public List<String> getGoalIds() {
        return goalIds;
    }

    /** One participation of the member in the group. */
    public record Participation(String participationId, String kind, Instant occurredAt, String note) {}
}
