package dev.rapport.contacts.privacy;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import dev.rapport.contacts.domain.Cadences;
import java.time.Clock;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Reads a member's data for export straight from the collections into the export records (mapped by
 * field name), so the export shows what is stored, not what one screen of the API happens to show.
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

    ContactsExport of(String memberId) {
        StoredCadences cadences = mongo.findById(memberId, StoredCadences.class, "member_cadences");
        return new ContactsExport(
                memberId,
                clock.instant(),
                cadences == null ? null : cadences.cadences(),
                mongo.find(ofMember(memberId, "createdAt"), ContactsExport.Contact.class, "contacts"),
                mongo.find(ofMember(memberId, "occurredAt"), ContactsExport.Interaction.class, "interactions"),
                mongo.find(ofMember(memberId, "createdAt"), ContactsExport.Goal.class, "goals"),
                mongo.find(ofMember(memberId, "createdAt"), ContactsExport.Group.class, "groups"),
                mongo.find(ofMember(memberId, "createdAt"), ContactsExport.ShareSuggestion.class, "share_suggestions"),
                erasures.of(memberId).stream().map(ErasureRequestView::of).toList(),
                mongo.find(ofMember(memberId, "createdAt"), ContactsExport.Calendar.class, "calendar_sources"),
                mongo.find(ofMember(memberId, "createdAt"), ContactsExport.Mailbox.class, "mailbox_sources"));
    }

    private static Query ofMember(String memberId, String order) {
        return query(where("memberId").is(memberId)).with(Sort.by(order, "_id"));
    }

    /** The member's cadences as stored ({@code _id} = member id). */
    record StoredCadences(Cadences cadences) {}
}
