package dev.rapport.contacts.privacy;

import dev.rapport.contacts.domain.Cadences;
import dev.rapport.support.privacy.MemberRows;
import dev.rapport.support.web.StreamedJson;
import java.time.Clock;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads a member's data for export straight from the collections into the export records (mapped by
 * field name), so the export shows what is stored, not what one screen of the API happens to show. The rows are
 * streamed into the answer ({@link StreamedJson}) in the shape of {@link ContactsExport}: a member with 30,000
 * contacts costs the service a row at a time, not the whole export.
 */
@Component
class MemberExports {

    private final MongoTemplate mongo;
    private final ErasureRequests erasures;
    private final Clock clock;

    MemberExports(MongoTemplate mongo, ErasureRequests erasures, Clock clock) {
        this.mongo = mongo;
        this.erasures = erasures;
        this.clock = clock;
    }

    /** Writes the members of the {@link ContactsExport} of {@code memberId}, in its order. */
    void write(String memberId, StreamedJson.Writer export) {
        StoredCadences cadences = mongo.findById(memberId, StoredCadences.class, "member_cadences");
        export.value("memberId", memberId)
                .value("exportedAt", clock.instant())
                .value("cadences", cadences == null ? null : cadences.cadences())
                .array(
                        "contacts",
                        MemberRows.of(mongo, memberId, "createdAt", ContactsExport.Contact.class, "contacts"))
                .array(
                        "interactions",
                        MemberRows.of(mongo, memberId, "occurredAt", ContactsExport.Interaction.class, "interactions"))
                .array("goals", MemberRows.of(mongo, memberId, "createdAt", ContactsExport.Goal.class, "goals"))
                .array("groups", MemberRows.of(mongo, memberId, "createdAt", ContactsExport.Group.class, "groups"))
                .array(
                        "shareSuggestions",
                        MemberRows.of(
                                mongo,
                                memberId,
                                "createdAt",
                                ContactsExport.ShareSuggestion.class,
                                "share_suggestions"))
                .array("erasureRequests", () -> erasures.of(memberId).stream().map(ErasureRequestView::of))
                .array(
                        "calendars",
                        MemberRows.of(mongo, memberId, "createdAt", ContactsExport.Calendar.class, "calendar_sources"))
                .array(
                        "mailboxes",
                        MemberRows.of(mongo, memberId, "createdAt", ContactsExport.Mailbox.class, "mailbox_sources"));
    }

    /** The member's cadences as stored ({@code _id} = member id). */
    record StoredCadences(Cadences cadences) {}
}
