package dev.rapport.contacts.groups;

import dev.rapport.contracts.events.GroupGoneQuiet;
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

    /**
     * Starts the next quiet episode with {@code GroupGoneQuiet} when the participation cadence has lapsed at
     * {@code now} and no episode is running; otherwise changes nothing.
     *
     * @return whether an episode started
     */
    boolean goQuiet(Instant now) {
        if (quiet || nextParticipationDueAt == null || !nextParticipationDueAt.isBefore(now)) {
            return false;
        }
        quiet = true;
        quietSince = nextParticipationDueAt;
        int started = ++episode;
        record(h -> new GroupGoneQuiet(
                h.at(now), id, name, lastParticipationAt, cadenceDays, nextParticipationDueAt, started));
        return true;
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
