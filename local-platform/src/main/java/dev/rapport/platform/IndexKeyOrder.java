package dev.rapport.platform;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The key type of the embedded store's unique indexes: the keys are written in {@link StoreValueFormat} (H2's default
 * format stays readable), and compared by value instead of by their Java serialization.
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

    /**
     * Whether {@code compareTo} of this class is zero exactly when {@code equals} is true: strings, numbers, booleans,
     * object ids, instants, UUIDs. Identity checks, the commonest first: a hash set's lookup here was 2 % of the
     * launcher's CPU during an import (every comparison of the secondary indexes' skip lists comes here).
     */
    private static boolean naturallyOrdered(Class<?> type) {
        return type == String.class
                || type == ObjectId.class
                || type == Instant.class
                || type == Long.class
                || type == Double.class
                || type == Integer.class
                || type == Boolean.class
                || type == UUID.class;
    }

    private final ObjectDataType format = new ObjectDataType();

    @Override
    public int getMemory(KeyValue key) {
        return format.getMemory(key);
    }

    @Override
    public void write(WriteBuffer buffer, KeyValue key) {
        StoreValueFormat.writeKey(buffer, key, format);
    }

    @Override
    public KeyValue read(ByteBuffer buffer) {
        return StoreValueFormat.readKey(buffer, format);
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
        if (naturallyOrdered(type)) {
            return ((Comparable) a).compareTo(b);
        }
        return serialized(a, b);
    }

    /** H2's own order for objects it does not know: their Java serializations, byte by byte. */
    private static int serialized(Object a, Object b) {
        return Arrays.compareUnsigned(ObjectDataType.serialize(a), ObjectDataType.serialize(b));
    }
}
