package dev.rapport.contacts.goals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/** A concrete professional goal of a member, as stored. */
@Document("goals")
public class GoalDocument {

    @Id
    String id;

    @Version
    Long version;

    String memberId;
    String tenantId;
    String title;
    String description;
    LocalDate targetDate;
    /** Topics the goal is about; contacts whose interests match them relate to the goal. */
    List<String> topics = new ArrayList<>();

    String status;
    Instant createdAt;
    Instant updatedAt;

    protected GoalDocument() {}

    GoalDocument(String id, String memberId, String tenantId, Instant now) {
        this.id = id;
        this.memberId = memberId;
        this.tenantId = tenantId;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public String getId() {
        return id;
    }

    public List<String> getTopics() {
        return topics;
    }

    public Long getVersion() {
        return version;
    }
}
