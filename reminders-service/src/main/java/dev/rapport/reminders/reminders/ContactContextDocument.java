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

    static String idOf(String memberId, String contactId) {
        return memberId + "|" + contactId;
    }
}
