package dev.rapport.contacts.contacts;

import dev.rapport.support.events.OutboxDocument;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/** A contact of one member, as stored. */
@Document("contacts")
@CompoundIndex(name = "member_next_touch", def = "{'memberId': 1, 'nextTouchDueAt': 1}")
public class ContactDocument extends OutboxDocument {

    String firstName;
    String lastName;
    List<String> emails = new ArrayList<>();
    List<String> phones = new ArrayList<>();
    String company;
    String title;
    String location;
    List<String> profileUrls = new ArrayList<>();
    String howWeMet;
    List<String> interests = new ArrayList<>();
    String notes;
    List<String> tags = new ArrayList<>();
    LocalDate birthday;
    String source;
    Tier tier;
    Integer cadenceDays;
    Instant lastInteractionAt;
    String lastInteractionSummary;
    Instant nextTouchDueAt;
    boolean archived;
    Instant createdAt;
    Instant updatedAt;
    String searchText;

    protected ContactDocument() {}

    ContactDocument(String id, String memberId, String tenantId, Instant now) {
        this.id = id;
        this.memberId = memberId;
        this.tenantId = tenantId;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** The name shown to the member. */
    public String displayName() {
        String name = java.util.stream.Stream.of(firstName, lastName)
                .filter(part -> part != null && !part.isBlank())
                .collect(java.util.stream.Collectors.joining(" "));
        return name.isEmpty() ? emails.stream().findFirst().orElse("(unnamed)") : name;
    }

    /** The cadence in force: the contact's own, or its tier's default. */
    public int effectiveCadenceDays() {
        return cadenceDays != null ? cadenceDays : tier.defaultCadenceDays();
    }

    /** Recomputes what derives from the stored fields. */
    void refreshDerived() {
        nextTouchDueAt = KeepInTouch.nextTouchDueAt(lastInteractionAt, createdAt, effectiveCadenceDays());
        searchText = SearchText.of(firstName, lastName, company, String.join(" ", emails));
    }

    /** Takes an interaction into account; an older, backdated one changes nothing. */
    void interactionAt(Instant at, String summary) {
        Instant latest = KeepInTouch.latest(lastInteractionAt, at);
        if (!latest.equals(lastInteractionAt)) {
            lastInteractionAt = latest;
            lastInteractionSummary = summary;
            refreshDerived();
        }
    }

    public Instant getNextTouchDueAt() {
        return nextTouchDueAt;
    }
}
