package dev.rapport.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentFormatTest {

    private final DocumentFormat format = new DocumentFormat();

    @Test
    void aDocumentOfBsonTypesIsWrittenAsBsonAndReadBackTheSame() {
        Document document = new Document("_id", "c-1")
                .append("version", 3L)
                .append("count", 7)
                .append("score", 0.25)
                .append("active", true)
                .append("nothing", null)
                .append("at", Instant.parse("2026-11-30T10:15:30.123Z"))
                .append("oid", new ObjectId())
                .append("tags", List.of("a", "b"))
                .append("outbox", List.of(new Document("eventId", "e-1").append("data", "{\"x\":1}")))
                .append("name", "Ana Núñez \u202Eמרכז\u202C 😀");

        ByteBuffer written = write(document);

        assertThat(written.get(0)).isEqualTo(DocumentFormat.BSON);
        assertThat(format.read(written)).isEqualTo(document);
        assertThat(written.hasRemaining()).isFalse();
    }

    @Test
    void aDocumentThatBsonWouldChangeKeepsH2sFormat() {
        // BSON has no float: read back, it would be a double, another document for the indexes.
        Document document = new Document("_id", "c-2").append("ratio", 0.5f).append("when", new java.util.Date(0));

        ByteBuffer written = write(document);

        assertThat(written.get(0)).isNotEqualTo(DocumentFormat.BSON);
        Document read = format.read(written);
        assertThat(read).isEqualTo(document);
        assertThat(read.get("ratio")).isInstanceOf(Float.class);
    }

    @Test
    void aDocumentWrittenByH2sOwnTypeIsRead() {
        Document document = new Document("_id", "old").append("n", 1);
        WriteBuffer buffer = new WriteBuffer();
        new ObjectDataType().write(buffer, document);

        assertThat(format.read(buffer.getBuffer().flip())).isEqualTo(document);
    }

    /** A data file of the plain H2 backend (as earlier versions wrote it) is read, changed and written by the platform's. */
    @Test
    void documentsOfAFileWrittenByThePlainBackendAreReadAndRewritten(@TempDir Path dir) {
        String file = dir.resolve("rapport.mv").toString();
        StoreServer.withCollection(new H2Backend(file), contacts -> {
            for (int i = 0; i < 500; i++) {
                contacts.insertOne(
                        new org.bson.Document("_id", "c" + i).append("n", i).append("name", "old " + i));
            }
        });
        StoreServer.withCollection(new EmbeddedMongo.PlatformH2Backend(file), contacts -> {
            assertThat(contacts.find(Filters.eq("_id", "c42")).first().getString("name"))
                    .isEqualTo("old 42");
            contacts.updateOne(Filters.eq("_id", "c42"), Updates.set("name", "new 42"));
            contacts.insertOne(new org.bson.Document("_id", "fresh").append("n", -1));
            assertThat(contacts.countDocuments(Filters.gte("n", 0))).isEqualTo(500);
        });
        StoreServer.withCollection(new EmbeddedMongo.PlatformH2Backend(file), contacts -> {
            assertThat(contacts.find(Filters.eq("_id", "c42")).first().getString("name"))
                    .isEqualTo("new 42");
            assertThat(contacts.find(Filters.eq("_id", "c43")).first().getString("name"))
                    .isEqualTo("old 43");
            assertThat(contacts.find(Filters.eq("_id", "fresh")).first().getInteger("n"))
                    .isEqualTo(-1);
            assertThat(contacts.countDocuments()).isEqualTo(501);
        });
        // The platform's documents (BSON now) are what the store holds.
        MVStore store = MVStore.open(file);
        try {
            MVMap<Object, Document> data = store.openMap(
                    "databases.rapport-test.contacts",
                    new MVMap.Builder<Object, Document>()
                            .keyType(new StoreValueFormat())
                            .valueType(new DocumentFormat()));
            assertThat(data.values())
                    .extracting(document -> document.get("_id"))
                    .contains("fresh", "c42", "c0");
        } finally {
            store.close();
        }
    }

    private ByteBuffer write(Document document) {
        WriteBuffer buffer = new WriteBuffer();
        format.write(buffer, document);
        return buffer.getBuffer().flip();
    }
}
