package dev.rapport.contacts.imports;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.rapport.contacts.ContactsProperties;
import dev.rapport.support.web.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.function.Supplier;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * One import at a time per member (on any instance): two imports of the same file running side by
 * side would each find the other's people new and create them twice. A crashed import's lock
 * expires.
 */
@Component
class ImportLock {

    static final String COLLECTION = "import_locks";

    private final MongoTemplate mongo;
    private final Clock clock;
    private final ContactsProperties.Imports settings;

    ImportLock(MongoTemplate mongo, Clock clock, ContactsProperties properties) {
        this.mongo = mongo;
        this.clock = clock;
        this.settings = properties.imports();
    }

    /**
     * Runs {@code work} holding the member's lock; 409 while another import of theirs runs. A lock left by
     * the same {@code holder} (an import job's earlier, interrupted attempt) is taken over.
     */
    <T> T whileHeld(String memberId, String holder, Supplier<T> work) {
        MongoCollection<Document> locks = mongo.getCollection(COLLECTION);
        Instant now = clock.instant();
        Date until = Date.from(now.plus(settings.lockFor()));
        try {
            locks.insertOne(new Document("_id", memberId).append("until", until).append("holder", holder));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            boolean expired = locks.updateOne(
                                    Filters.and(
                                            Filters.eq("_id", memberId),
                                            Filters.or(
                                                    Filters.lt("until", Date.from(now)), Filters.eq("holder", holder))),
                                    Updates.combine(Updates.set("until", until), Updates.set("holder", holder)))
                            .getModifiedCount()
                    == 1;
            if (!expired) {
                throw ApiException.conflict("another import of yours is running: retry when it has finished");
            }
        }
        try {
            return work.get();
        } finally {
            locks.deleteOne(Filters.and(Filters.eq("_id", memberId), Filters.eq("until", until)));
        }
    }
}
