package dev.rapport.reminders.reminders;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What reminders-service has learned about one contact of a member from the events it consumed: enough
 * to give reminders their context and to space touches, without calling contacts-service back.
 */
@Document("contact_context")
public class ContactContextDocument {

    @Id
    String id;

    String memberId;
    String contactId;
    String displayName;
    String tier;
    List<String> interests;
    Instant lastInteractionAt;
    String lastInteractionSummary;
    /** The last outbound (or mutual) touch by the member, for the minimum gap between touches. */
    Instant lastTouchAt;

    String milestoneTitle;
    String milestoneCategory;
    LocalDate milestoneDate;
    /** The highest staleness episode known to be over, so a late ContactGoneStale creates nothing. */
    int reengagedEpisode;

    /** The contact's birthday (year 1604 when unknown) as of {@link #birthdayAsOf}; null when they have none. */
    LocalDate birthday;
    /** When the event that told {@link #birthday} happened: an older event never changes it back. */
    Instant birthdayAsOf;
    /** When the contact was last archived, and when last restored: archived while the first is the later. */
    Instant archivedAt;

    Instant restoredAt;

    /** Whether the contact is archived, as far as the events consumed tell. */
    boolean archived() {
        return archivedAt != null && (restoredAt == null || restoredAt.isBefore(archivedAt));
    }

    static String idOf(String memberId, String contactId) {
        return memberId + "|" + contactId;
    }
}
