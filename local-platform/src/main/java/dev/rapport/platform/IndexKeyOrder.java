package dev.rapport.platform;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The key type of the embedded store's unique indexes: the keys are written exactly as H2's default type writes them
 * (so an index file stays readable), but compared by value instead of by their Java serialization.
 *
 * <p>mongo-java-server opens each unique index (the {@code _id} index of every collection included) as an H2 map with
 * H2's default key type, which compares two keys of a class it does not know, such as mongo-java-server's
 * {@link KeyValue}, by serializing both with {@link java.io.ObjectOutputStream} and comparing the bytes: every lookup
 * serializes two objects per step of a binary search. Profiled during a 30,000-row import (JFR, {@code ./rapport bench
 * --only import}), that was 37 % of the launcher's CPU time. Here a key's values are compared directly when their
 * class has a natural order that agrees with {@code equals} (strings, numbers, booleans, object ids, instants, UUIDs),
 * and by their serialization, as before, otherwise (sub-documents, lists, decimals); values of different classes are
 * ordered by class name. Any total order consistent with {@code equals} serves a unique index: the order only decides
 * where a key sits in the tree. An index written under the old order is re-sorted once when it is opened ({@link
 * EmbeddedMongo}).
 */
final class IndexKeyOrder extends BasicDataType<KeyValue> {

    /** Classes whose {@code compareTo} is zero exactly when {@code equals} is true. */
    private static final Set<Class<?>> NATURALLY_ORDERED = Set.of(
            String.class,
            Double.class,
            Long.class,
            Integer.class,
            Boolean.class,
            ObjectId.class,
            Instant.class,
            UUID.class);

    private final ObjectDataType format = new ObjectDataType();

    @Override
    public int getMemory(KeyValue key) {
        return format.getMemory(key);
    }

    @Override
    public void write(WriteBuffer buffer, KeyValue key) {
        format.write(buffer, key);
    }

    @Override
    public KeyValue read(ByteBuffer buffer) {
        return (KeyValue) format.read(buffer);
    }

    @Override
    public KeyValue[] createStorage(int size) {
        return new KeyValue[size];
    }

    @Override
    public int compare(KeyValue a, KeyValue b) {
        if (a == b) {
            return 0;
        }
        int sizes = Integer.compare(a.size(), b.size());
        if (sizes != 0) {
            return sizes;
        }
        for (int i = 0; i < a.size(); i++) {
            int values = compareValues(a.get(i), b.get(i));
            if (values != 0) {
                return values;
            }
        }
        return 0;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compareValues(Object a, Object b) {
        if (a == b) {
            return 0;
        }
        if (a == null || b == null) {
            return a == null ? -1 : 1;
        }
        Class<?> type = a.getClass();
        if (type != b.getClass()) {
            int names = type.getName().compareTo(b.getClass().getName());
            return names != 0 ? names : serialized(a, b);
        }
        if (NATURALLY_ORDERED.contains(type)) {
            return ((Comparable) a).compareTo(b);
        }
        return serialized(a, b);
    }

    /** H2's own order for objects it does not know: their Java serializations, byte by byte. */
    private static int serialized(Object a, Object b) {
        return Arrays.compareUnsigned(ObjectDataType.serialize(a), ObjectDataType.serialize(b));
    }
}
