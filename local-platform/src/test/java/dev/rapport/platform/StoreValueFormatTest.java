package dev.rapport.platform;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreValueFormatTest {

    private final StoreValueFormat format = new StoreValueFormat();
    private final ObjectDataType legacy = new ObjectDataType();

    private static final List<Object> COMPACT_VALUES = Arrays.asList(
            null,
            "",
            "Ana Pérez 日本 \uD83D\uDE00",
            0L,
            Long.MIN_VALUE,
            -7,
            Integer.MAX_VALUE,
            1.5,
            -0.0,
            Double.NaN,
            true,
            false,
            new ObjectId(),
            Instant.parse("2026-12-02T05:00:00.123456789Z"),
            Instant.ofEpochSecond(-1, 5),
            UUID.randomUUID());

    @Test
    void theStoresValuesAreWrittenCompactlyAndReadBackAsTheSameValueOfTheSameClass() {
        for (Object value : COMPACT_VALUES) {
            ByteBuffer written = write(buffer -> format.write(buffer, value));
            assertThat(written.get(0)).as("the first byte of %s", value).isEqualTo(StoreValueFormat.COMPACT);
            Object read = format.read(written);
            assertThat(read).as("%s read back", value).isEqualTo(value);
            if (value != null) {
                assertThat(read).hasSameClassAs(value);
            }
            assertThat(written.remaining()).as("bytes left after %s", value).isZero();
        }
        // An object id no longer goes through Java serialization: a fraction of its size.
        ObjectId id = new ObjectId();
        assertThat(write(buffer -> format.write(buffer, id)).limit())
                .isLessThan(write(buffer -> legacy.write(buffer, id)).limit() / 4);
    }

    @Test
    void indexKeysAreWrittenCompactlyWhenEveryValueIsAndAsBeforeOtherwise() {
        KeyValue key = new KeyValue(new ArrayList<>(COMPACT_VALUES));
        ByteBuffer compact = write(buffer -> StoreValueFormat.writeKey(buffer, key, legacy));
        assertThat(compact.get(0)).isEqualTo(StoreValueFormat.COMPACT);
        assertThat(StoreValueFormat.readKey(compact, legacy)).isEqualTo(key);

        KeyValue withDocument = new KeyValue("a", new Document("x", 1));
        ByteBuffer asBefore = write(buffer -> StoreValueFormat.writeKey(buffer, withDocument, legacy));
        assertThat(asBefore.get(0)).isNotEqualTo(StoreValueFormat.COMPACT);
        assertThat(StoreValueFormat.readKey(asBefore, legacy)).isEqualTo(withDocument);
    }

    @Test
    void valuesWrittenByH2sOwnTypeAreStillRead() {
        List<Object> values = new ArrayList<>(COMPACT_VALUES);
        values.add(new Document("nested", List.of(1, 2)));
        values.add(new KeyValue("a", new ObjectId()));
        for (Object value : values) {
            ByteBuffer old = write(buffer -> legacy.write(buffer, value));
            assertThat(format.read(old)).as("%s written by H2", value).isEqualTo(value);
        }
        KeyValue oldKey = new KeyValue(new ObjectId(), 3L);
        assertThat(StoreValueFormat.readKey(write(buffer -> legacy.write(buffer, oldKey)), legacy))
                .isEqualTo(oldKey);
    }

    /**
     * A file whose maps were written with H2's own types (as every earlier version of the platform wrote them) is read
     * and extended with the compact format, in the same order, and read again after it is closed.
     */
    @Test
    void aFileWrittenInH2sFormatIsReadAndExtended(@TempDir Path dir) {
        String file = dir.resolve("store.mv").toString();
        List<ObjectId> ids = new ArrayList<>();
        try (MVStore store = MVStore.open(file)) {
            MVMap<Object, Object> map = store.openMap("data");
            for (int i = 0; i < 3_000; i++) {
                ObjectId id = new ObjectId();
                ids.add(id);
                map.put(id, new KeyValue(id, (long) i));
            }
        }
        try (MVStore store = MVStore.open(file)) {
            MVMap<Object, Object> map = compactData(store);
            for (int i = 0; i < ids.size(); i += 7) {
                assertThat(map.get(ids.get(i))).isEqualTo(new KeyValue(ids.get(i), (long) i));
            }
            for (int i = 0; i < 3_000; i++) {
                ObjectId id = new ObjectId();
                ids.add(id);
                map.put(id, new KeyValue(id, (long) (3_000 + i)));
            }
        }
        try (MVStore store = MVStore.open(file)) {
            MVMap<Object, Object> map = compactData(store);
            assertThat(map.sizeAsLong()).isEqualTo(6_000);
            for (int i = 0; i < ids.size(); i += 11) {
                assertThat(map.get(ids.get(i))).isEqualTo(new KeyValue(ids.get(i), (long) i));
            }
            // In the order H2's own type gives them: object ids by their natural order.
            List<Object> keys = new ArrayList<>(map.keySet());
            List<Object> sorted = new ArrayList<>(keys);
            sorted.sort(new ObjectDataType()::compare);
            assertThat(keys).isEqualTo(sorted);
        }
    }

    private static MVMap<Object, Object> compactData(MVStore store) {
        return store.openMap(
                "data",
                new MVMap.Builder<Object, Object>()
                        .keyType(new StoreValueFormat())
                        .valueType(new StoreValueFormat()));
    }

    private static ByteBuffer write(java.util.function.Consumer<WriteBuffer> writer) {
        WriteBuffer buffer = new WriteBuffer();
        writer.accept(buffer);
        return buffer.getBuffer().flip();
    }
}
