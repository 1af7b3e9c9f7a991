package dev.rapport.contacts.interactions;

import dev.rapport.support.events.OutboxDocument;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.mongodb.core.mapping.Document;

/** An interaction of a member with one or several contacts, as stored. */
@Document("interactions")
public class InteractionDocument extends OutboxDocument {

    List<String> contactIds;
    String type;
    String direction;
    Instant occurredAt;
    String summary;
    List<Promise> promises;
    Instant loggedAt;

    /**
     * Contacts whose keep-in-touch clock this interaction has not moved yet: written with the
     * interaction, emptied contact by contact once each clock is updated, so that whatever a crash
     * leaves here is applied by the next sweep.
     */
    List<String> pendingContactIds = new ArrayList<>();

    protected InteractionDocument() {}

    InteractionDocument(String id, String memberId, String tenantId) {
        this.id = id;
        this.memberId = memberId;
        this.tenantId = tenantId;
    }

    public List<String> getContactIds() {
        return contactIds;
    }

    public String getType() {
        return type;
    }

    public Instant getOccurredAt() {
        return occurredAt;
    }

    public List<Promise> getPromises() {
        return promises;
    }

    /**
     * A promise made in the interaction, by the member ({@code me}) or by the contact ({@code them});
     * {@code revision} counts its changes (kept, open again) since it was logged.
     */
    public record Promise(String id, String owedBy, String what, LocalDate dueOn, boolean done, int revision) {

        /** The promise kept ({@code done}) or open again, one revision later. */
        Promise marked(boolean done) {
            return new Promise(id, owedBy, what, dueOn, done, revision + 1);
        }
    }
}
