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

    /**
     * The shortcut that skips decoding: every document it calls plain reads back from BSON as the same classes and
     * values (random documents mixing plain values with values BSON changes), and the values BSON changes are never
     * called plain.
     */
    @Test
    void aDocumentCalledPlainReadsBackFromBsonUnchanged() {
        java.util.Random random = new java.util.Random(20261202);
        int plain = 0;
        for (int i = 0; i < 5_000; i++) {
            Document document = randomDocument(random, 0);
            if (!DocumentFormat.plain(document)) {
                continue;
            }
            plain++;
            io.netty.buffer.ByteBuf out = io.netty.buffer.Unpooled.buffer();
            de.bwaldvogel.mongo.wire.bson.BsonEncoder.encodeDocument(document, out);
            Document read = de.bwaldvogel.mongo.wire.bson.BsonDecoder.decodeBson(out);
            assertThat(DocumentFormat.sameValue(document, read))
                    .as("%s read back as %s", document, read)
                    .isTrue();
            assertThat(format.read(write(document))).isEqualTo(document);
        }
        assertThat(plain).as("documents called plain").isBetween(500, 4_900);
        for (Object changed : changedByBson()) {
            assertThat(DocumentFormat.plain(new Document("v", changed)))
                    .as("%s (%s)", changed, changed.getClass().getSimpleName())
                    .isFalse();
            assertThat(DocumentFormat.plain(new Document("v", List.of(new Document("w", changed)))))
                    .isFalse();
        }
        assertThat(DocumentFormat.plain(new Document("a\u0000b", 1)))
                .as("a NUL in a key")
                .isFalse();
        assertThat(DocumentFormat.plain(new Document("\uD800", 1)))
                .as("a lone surrogate in a key")
                .isFalse();
    }

    private static List<Object> changedByBson() {
        java.util.Map<String, Object> otherMap = new java.util.HashMap<>();
        otherMap.put("k", 1);
        return List.of(
                0.5f,
                new java.util.Date(0),
                new byte[] {1, 2},
                java.util.Set.of("a"),
                otherMap,
                (short) 3,
                Instant.parse("2026-12-02T10:00:00.000000001Z"),
                "lone \uDC00 low",
                "lone \uD800",
                "nul \u0000 inside",
                java.util.UUID.randomUUID());
    }

    private static Document randomDocument(java.util.Random random, int depth) {
        Document document = new Document();
        for (int n = random.nextInt(5); n >= 0; n--) {
            document.append("k" + random.nextInt(50), randomValue(random, depth));
        }
        return document;
    }

    private static Object randomValue(java.util.Random random, int depth) {
        return switch (random.nextInt(depth < 3 ? 16 : 14)) {
            case 0 -> null;
            case 1 -> random.nextInt();
            case 2 -> random.nextLong();
            case 3 -> random.nextBoolean() ? random.nextDouble() : (random.nextBoolean() ? -0.0 : Double.NaN);
            case 4 -> random.nextBoolean();
            case 5 -> new ObjectId();
            case 6 -> new de.bwaldvogel.mongo.bson.Decimal128(new java.math.BigDecimal(random.nextInt(1000) + ".25"));
            case 7 -> "Ana Núñez 😀 " + random.nextInt(100);
            case 8 -> Instant.ofEpochMilli(random.nextLong(4_000_000_000_000L));
            case 9, 10 ->
                random.nextInt(30) == 0
                        ? changedByBson().get(random.nextInt(changedByBson().size()))
                        : "s";
            case 11 -> Instant.ofEpochSecond(random.nextInt(2_000_000_000), random.nextInt(4) * 1_000_000L);
            case 12 -> random.nextInt(8) == 0 ? new Document("bad", 0.5f) : "x";
            case 13 -> "";
            case 14 -> randomDocument(random, depth + 1);
            default -> {
                List<Object> list = new java.util.ArrayList<>();
                for (int n = random.nextInt(4); n > 0; n--) {
                    list.add(randomValue(random, depth + 1));
                }
                yield list;
            }
        };
    }

    private ByteBuffer write(Document document) {
        WriteBuffer buffer = new WriteBuffer();
        format.write(buffer, document);
        return buffer.getBuffer().flip();
    }
}
