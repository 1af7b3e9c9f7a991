package dev.rapport.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.bson.Document;
import java.nio.file.Path;
import org.h2.mvstore.MVMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An update never rewrites the document object the store holds, which H2's background writer may be writing at that
 * moment: it replaces it with an updated copy (IndexedH2Collection). mongo-java-server on its own rewrites the keys
 * of the stored object in place; in a bench run that made the writer fail with a ConcurrentModificationException,
 * which closed the whole store.
 */
class UpdatesLeaveStoredDocumentsTest {

    @Test
    void updatesAndFindAndModifyReplaceTheStoredObjectInsteadOfRewritingIt(@TempDir Path dir) {
        EmbeddedMongo.PlatformH2Backend backend =
                new EmbeddedMongo.PlatformH2Backend(dir.resolve("store.mv").toString());
        StoreServer.withCollection(backend, contacts -> {
            contacts.insertOne(new org.bson.Document("_id", "a")
                    .append("memberId", "m1")
                    .append("x", 1)
                    .append("y", "gone soon"));
            MVMap<Object, Document> data = backend.getMvStore().openMap("databases.rapport-test.contacts");
            Document held = data.get("a");
            Document asInserted = held.cloneDeeply();

            contacts.updateOne(Filters.eq("_id", "a"), Updates.combine(Updates.set("x", 2), Updates.unset("y")));
            assertThat(held).as("the object the store held").isEqualTo(asInserted);
            Document updated = data.get("a");
            assertThat(updated).isNotSameAs(held);
            assertThat(updated.get("x")).isEqualTo(2);
            assertThat(updated).doesNotContainKey("y");

            org.bson.Document answered = contacts.findOneAndUpdate(
                    Filters.and(Filters.eq("_id", "a"), Filters.eq("memberId", "m1")),
                    Updates.inc("x", 1),
                    new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
            assertThat(answered.getInteger("x")).isEqualTo(3);
            assertThat(updated.get("x"))
                    .as("the object the store held before findAndModify")
                    .isEqualTo(2);
            assertThat(data.get("a").get("x")).isEqualTo(3);

            contacts.updateMany(Filters.eq("memberId", "m1"), Updates.set("z", true));
            assertThat(contacts.find(Filters.eq("_id", "a")).first())
                    .containsEntry("x", 3)
                    .containsEntry("z", true);
        });
    }
}
