package dev.rapport.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexKeyOrderTest {

    private final IndexKeyOrder order = new IndexKeyOrder();

    @Test
    void keysCompareByValueAndAgreeWithEquals() {
        assertThat(order.compare(new KeyValue("a", 1.0), new KeyValue("a", 1.0)))
                .isZero();
        assertThat(order.compare(new KeyValue("a", 1.0), new KeyValue("a", 2.0)))
                .isNegative();
        assertThat(order.compare(new KeyValue("b"), new KeyValue("a"))).isPositive();
        assertThat(order.compare(new KeyValue("a"), new KeyValue("a", 1.0))).isNegative();
        assertThat(order.compare(new KeyValue((Object) null), new KeyValue("a")))
                .isNegative();
        ObjectId id = new ObjectId();
        assertThat(order.compare(new KeyValue(id), new KeyValue(new ObjectId(id.toByteArray()))))
                .isZero();
        Instant now = Instant.now();
        assertThat(order.compare(new KeyValue(now), new KeyValue(now.plusNanos(1))))
                .isNegative();
        // Values of different classes are never equal, whatever their value; sub-documents compare as before.
        assertThat(order.compare(new KeyValue(1.0), new KeyValue(1L))).isNotZero();
        de.bwaldvogel.mongo.bson.Document sub = new de.bwaldvogel.mongo.bson.Document("x", "y");
        assertThat(order.compare(new KeyValue(sub), new KeyValue(new de.bwaldvogel.mongo.bson.Document("x", "y"))))
                .isZero();
        assertThat(order.compare(new KeyValue(sub), new KeyValue(new de.bwaldvogel.mongo.bson.Document("x", "z"))))
                .isNotZero();
    }

    @Test
    void keysWrittenInTheNewOrderReadBackAsWritten() {
        MVStore store = MVStore.open(null);
        MVMap<KeyValue, Object> map =
                store.openMap("index", new MVMap.Builder<KeyValue, Object>().keyType(new IndexKeyOrder()));
        for (int i = 0; i < 5_000; i++) {
            map.put(new KeyValue("id-" + i, (double) (i % 7)), (long) i);
        }
        assertThat(map.get(new KeyValue("id-4321", (double) (4321 % 7)))).isEqualTo(4321L);
        assertThat(map.get(new KeyValue("id-4321", 0.5))).isNull();
        assertThat(map.sizeAsLong()).isEqualTo(5_000);
        store.close();
    }

    /**
     * A data file written by the plain H2 backend (H2's serialization order, as every earlier version of the platform
     * wrote it) opened by the platform's backend: its unique indexes are re-sorted once, and every lookup, insert and
     * duplicate check by an index still works.
     */
    @Test
    void aFileWrittenInTheOldOrderIsReSortedWhenOpened(@TempDir Path dir) {
        String file = dir.resolve("rapport.mv").toString();
        List<String> ids = new ArrayList<>();
        StoreServer.withCollection(new H2Backend(file), contacts -> {
            contacts.createIndex(Indexes.ascending("_id", "version"), new IndexOptions().unique(true));
            List<Document> documents = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                String id = new org.bson.types.ObjectId().toHexString();
                ids.add(id);
                documents.add(
                        new Document("_id", id).append("version", (long) i).append("name", "c" + i));
            }
            contacts.insertMany(documents);
        });

        EmbeddedMongo.PlatformH2Backend platformBackend = new EmbeddedMongo.PlatformH2Backend(file);
        StoreServer.withCollection(platformBackend, contacts -> {
            assertThat(platformBackend.getMvStore().getMapNames())
                    .filteredOn(name -> name.contains("._index_"))
                    .hasSize(2)
                    .allSatisfy(name -> assertThat(
                                    platformBackend.getMvStore().openMap(name).getKeyType())
                            .isInstanceOf(IndexKeyOrder.class));
            for (int i = 0; i < ids.size(); i += 97) {
                assertThat(contacts.find(Filters.eq("_id", ids.get(i))).first().getString("name"))
                        .isEqualTo("c" + i);
                assertThat(contacts.find(Filters.and(Filters.eq("_id", ids.get(i)), Filters.eq("version", (long) i)))
                                .first())
                        .isNotNull();
            }
            assertThatThrownBy(() -> contacts.insertOne(new Document("_id", ids.get(5)).append("version", 0L)))
                    .isInstanceOf(MongoWriteException.class)
                    .hasMessageContaining("duplicate key");
            contacts.insertOne(new Document("_id", "new").append("version", 1L));
            assertThat(contacts.countDocuments(Filters.eq("_id", "new"))).isEqualTo(1);
        });

        // Opened again: already in the new order, nothing to re-sort, everything still found.
        StoreServer.withCollection(new EmbeddedMongo.PlatformH2Backend(file), contacts -> {
            assertThat(contacts.find(Filters.eq("_id", ids.getLast())).first()).isNotNull();
            assertThat(contacts.find(Filters.eq("_id", "new")).first()).isNotNull();
            assertThat(contacts.countDocuments()).isEqualTo(2_001);
        });
    }
}
