package dev.rapport.platform;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The format of the embedded store's keys and positions (a document's {@code _id} as the key of its collection's map
 * and as the value of its index entries), and of the values of an index key ({@link IndexKeyOrder}): written
 * compactly instead of with Java serialization, ordered exactly as H2's default type orders them.
 *
 * <p>H2's default type writes an object of a class it does not know, such as an object id, an instant or
 * mongo-java-server's {@link KeyValue}, with {@link java.io.ObjectOutputStream}, and reads it back with {@link
 * java.io.ObjectInputStream}, each time a page of a map is written or read. Profiled during a 30,000-row import (JFR
 * on the launcher), that was a quarter of the launcher's CPU time, index keys above all. Here a value of a class the
 * store's keys are made of (strings, numbers, booleans, object ids, instants, UUIDs, null) is written as a marker byte
 * that H2's type never writes first, a tag and its bytes; anything else keeps H2's format, and both formats are read,
 * so a data file written by an earlier version needs no conversion: its pages change format as they are rewritten.
 */
final class StoreValueFormat extends BasicDataType<Object> {

    /** The first byte of a compact value: a tag H2's {@link ObjectDataType} does not use (its tags end at 119). */
    static final byte COMPACT = 126;

    private static final byte NULL = 0;
    private static final byte STRING = 1;
    private static final byte LONG = 2;
    private static final byte INTEGER = 3;
    private static final byte DOUBLE = 4;
    private static final byte FALSE = 5;
    private static final byte TRUE = 6;
    private static final byte OBJECT_ID = 7;
    private static final byte INSTANT = 8;
    private static final byte UUID_VALUE = 9;

    private final ObjectDataType legacy = new ObjectDataType();

    @Override
    public int compare(Object a, Object b) {
        return legacy.compare(a, b);
    }

    @Override
    public int getMemory(Object value) {
        return legacy.getMemory(value);
    }

    @Override
    public void write(WriteBuffer buffer, Object value) {
        if (!compact(value)) {
            legacy.write(buffer, value);
            return;
        }
        buffer.put(COMPACT);
        writeValue(buffer, value);
    }

    @Override
    public Object read(ByteBuffer buffer) {
        if (buffer.get(buffer.position()) != COMPACT) {
            return legacy.read(buffer);
        }
        buffer.get();
        return readValue(buffer);
    }

    @Override
    public Object[] createStorage(int size) {
        return new Object[size];
    }

    /** Writes an index key compactly when every value of it is {@linkplain #compact compact}, else as H2 does. */
    static void writeKey(WriteBuffer buffer, KeyValue key, ObjectDataType legacy) {
        for (Object value : key) {
            if (!compact(value)) {
                legacy.write(buffer, key);
                return;
            }
        }
        buffer.put(COMPACT).putVarInt(key.size());
        for (Object value : key) {
            writeValue(buffer, value);
        }
    }

    /** Reads an index key in either format. */
    static KeyValue readKey(ByteBuffer buffer, ObjectDataType legacy) {
        if (buffer.get(buffer.position()) != COMPACT) {
            return (KeyValue) legacy.read(buffer);
        }
        buffer.get();
        int size = DataUtils.readVarInt(buffer);
        List<Object> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(readValue(buffer));
        }
        return new KeyValue(values);
    }

    /** Whether {@code value} has a compact form that reads back as an equal value of the same class. */
    static boolean compact(Object value) {
        return value == null
                || value instanceof String
                || value instanceof Long
                || value instanceof Integer
                || value instanceof Double
                || value instanceof Boolean
                || value instanceof Instant
                || value instanceof UUID
                || (value != null && value.getClass() == ObjectId.class);
    }

    private static void writeValue(WriteBuffer buffer, Object value) {
        switch (value) {
            case null -> buffer.put(NULL);
            case String s -> buffer.put(STRING).putVarInt(s.length()).putStringData(s, s.length());
            case Long l -> buffer.put(LONG).putLong(l);
            case Integer i -> buffer.put(INTEGER).putInt(i);
            case Double d -> buffer.put(DOUBLE).putLong(Double.doubleToRawLongBits(d));
            case Boolean b -> buffer.put(b ? TRUE : FALSE);
            case ObjectId id -> buffer.put(OBJECT_ID).put(id.toByteArray());
            case Instant t -> buffer.put(INSTANT).putLong(t.getEpochSecond()).putInt(t.getNano());
            case UUID u ->
                buffer.put(UUID_VALUE).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
            default -> throw new IllegalArgumentException("no compact form for " + value.getClass());
        }
    }

    private static Object readValue(ByteBuffer buffer) {
        byte tag = buffer.get();
        return switch (tag) {
            case NULL -> null;
            case STRING -> DataUtils.readString(buffer, DataUtils.readVarInt(buffer));
            case LONG -> buffer.getLong();
            case INTEGER -> buffer.getInt();
            case DOUBLE -> Double.longBitsToDouble(buffer.getLong());
            case FALSE -> Boolean.FALSE;
            case TRUE -> Boolean.TRUE;
            case OBJECT_ID -> {
                byte[] bytes = new byte[12];
                buffer.get(bytes);
                yield new ObjectId(bytes);
            }
            case INSTANT -> Instant.ofEpochSecond(buffer.getLong(), buffer.getInt());
            case UUID_VALUE -> new UUID(buffer.getLong(), buffer.getLong());
            default -> throw new IllegalStateException("unknown compact value tag " + tag);
        };
    }
}
