package dev.rapport.contacts.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.contracts.events.ContactArchived;
import dev.rapport.support.events.Aggregates;
import dev.rapport.testkit.RapportIntegrationTest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * A bulk insert that fails part-way (an ordered insert stops at its first duplicate key) keeps the pending markers of
 * the documents it wrote, so their events are still published, and drops only the others'.
 */
@RapportIntegrationTest
@TestPropertySource(properties = "rapport.outbox.sweep-interval=PT1H")
class BulkInsertOutboxIT {

    @Autowired
    Aggregates aggregates;

    @Autowired
    MongoTemplate mongo;

    @Test
    void theDocumentsWrittenBeforeAFailureKeepTheirMarkersAndTheOthersLoseThem() {
        String member = "bulk-" + UUID.randomUUID();
        Instant now = Instant.now();
        ContactDocument taken = contact(member, now);
        mongo.insert(taken);
        List<ContactDocument> batch = List.of(
                contact(member, now), new ContactDocument(taken.getId(), member, "t", now), contact(member, now));
        batch.forEach(c -> c.record(h -> new ContactArchived(h, c.getId(), "Ana")));

        assertThatThrownBy(() -> aggregates.insertAll(batch, ContactDocument.class))
                .isInstanceOf(DuplicateKeyException.class);

        String written = batch.get(0).getOutbox().getFirst().eventId();
        String clashed = batch.get(1).getOutbox().getFirst().eventId();
        String notReached = batch.get(2).getOutbox().getFirst().eventId();
        assertThat(mongo.findById(batch.get(0).getId(), ContactDocument.class)).isNotNull();
        assertThat(pending(written))
                .as("the written document's event is still to be published")
                .isTrue();
        assertThat(pending(clashed)).isFalse();
        assertThat(pending(notReached))
                .as("the last one's marker stays exactly when the store wrote it (an ordered insert does not)")
                .isEqualTo(mongo.findById(batch.get(2).getId(), ContactDocument.class) != null);

        // The sweep is off here and other tests share the store: leave no pending work behind.
        mongo.getCollection("outbox_pending")
                .deleteMany(com.mongodb.client.model.Filters.in("_id", written, clashed, notReached));
        mongo.remove(
                org.springframework.data.mongodb.core.query.Query.query(
                        org.springframework.data.mongodb.core.query.Criteria.where("memberId")
                                .is(member)),
                ContactDocument.class);
    }

    private boolean pending(String eventId) {
        return mongo.getCollection("outbox_pending").countDocuments(new org.bson.Document("_id", eventId)) > 0;
    }

    private static ContactDocument contact(String member, Instant now) {
        return new ContactDocument(new ObjectId().toHexString(), member, "t", now);
    }
}
