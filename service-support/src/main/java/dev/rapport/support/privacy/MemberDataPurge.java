package dev.rapport.support.privacy;

import com.mongodb.client.model.Filters;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Deletes every document of a member from every collection of the service's database: those that carry
 * the member ({@code memberId}) and those keyed by them ({@code _id} = member id). It walks the
 * collections that exist rather than a list, so that a collection added later is erased too.
 */
public class MemberDataPurge {

    private final MongoTemplate mongo;

    /**
     * What outlives an erasure ({@code rapport.privacy.kept-collections}): the tombstones and the processed
     * event ids of the inbox, which hold event ids and types only and must stay to keep redeliveries from
     * acting twice, plus what a service keeps on top (contacts: the erasure requests, which the member follows
     * and which hold nothing but ids and times).
     */
    private final Set<String> kept;

    public MemberDataPurge(MongoTemplate mongo, Set<String> kept) {
        this.mongo = mongo;
        this.kept = Set.copyOf(kept);
    }

    /** Deletes the member's documents; answers how many there were. */
    long purge(String memberId) {
        List<Object> ids = new ArrayList<>(List.of(memberId));
        // Spring Data stores a String id that is valid ObjectId hex as an ObjectId.
        if (ObjectId.isValid(memberId)) {
            ids.add(new ObjectId(memberId));
        }
        Bson ofMember = Filters.or(Filters.eq("memberId", memberId), Filters.in("_id", ids));
        long deleted = 0;
        for (String collection : mongo.getCollectionNames()) {
            if (!kept.contains(collection) && !collection.startsWith("system.")) {
                deleted += mongo.getCollection(collection).deleteMany(ofMember).getDeletedCount();
            }
        }
        return deleted;
    }
}
