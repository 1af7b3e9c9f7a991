package dev.rapport.platform;

import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The value type of the embedded store's collections: documents written as BSON instead of with Java serialization.
 *
 * <p>mongo-java-server's H2 backend stores every document with H2's default value type, which writes an object of a
 * class it does not know with {@link java.io.ObjectOutputStream} and reads it back with {@link
 * java.io.ObjectInputStream}: during a 30,000-row import that was 28 % of the launcher's CPU time (JFR), more once
 * the index keys stopped costing ({@link IndexKeyOrder}). A document is written here as a marker byte that H2's type
 * never writes first, then the document's BSON (the encoding it arrived in over the wire). It is written as BSON only
 * when decoding that BSON gives back an equal document (same keys, values of the same classes): anything BSON would
 * change (a {@code float}, a {@code java.util.Date}, a byte array) keeps H2's format, and both formats are read, so a
 * data file written by an earlier version needs no conversion: its documents change format as they are rewritten.
 */
final class DocumentFormat extends BasicDataType<Document> {

    /** The first byte of a BSON value: a tag H2's {@link ObjectDataType} does not use (its tags end at 119). */
    static final byte BSON = 127;

    private final ObjectDataType legacy = new ObjectDataType();
    /** An estimate of a document's size in memory, for H2's page sizes and cache (its own type keeps one too). */
    private volatile int averageSize = 1_024;

    @Override
    public int getMemory(Document document) {
        return averageSize;
    }

    @Override
    public void write(WriteBuffer buffer, Document document) {
        byte[] bson = faithfulBson(document);
        if (bson == null) {
            legacy.write(buffer, document);
            return;
        }
        averageSize = (averageSize * 15 + bson.length * 3) / 16;
        buffer.put(BSON).put(bson);
    }

    @Override
    public Document read(ByteBuffer buffer) {
        if (buffer.get(buffer.position()) != BSON) {
            return (Document) legacy.read(buffer);
        }
        buffer.get();
        int length = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt(buffer.position());
        byte[] bson = new byte[length];
        buffer.get(bson);
        return decode(bson);
    }

    @Override
    public Document[] createStorage(int size) {
        return new Document[size];
    }

    /**
     * The document's BSON, or null when BSON would not give back an equal document. A document of {@link #plain}
     * values only is known to come back equal; any other is decoded again and compared (which was a third of the
     * store's serialization CPU when done for every document: H2 rewrites a whole page of them for one change).
     */
    static byte[] faithfulBson(Document document) {
        byte[] bson;
        try {
            ByteBuf out = Unpooled.buffer(256);
            BsonEncoder.encodeDocument(document, out);
            bson = new byte[out.readableBytes()];
            out.readBytes(bson);
        } catch (RuntimeException notEncodable) {
            return null;
        }
        return plain(document) || sameValue(document, decode(bson)) ? bson : null;
    }

    /**
     * Whether BSON surely reads {@code value} back as the same class and value: null, an int, a long, a double, a
     * boolean, an object id, a decimal, a string of well-formed UTF-16 without NUL, an instant of whole milliseconds
     * (BSON dates have no finer unit), a list of those or a {@link Document} (not another map) of those under keys of
     * that kind. Anything else may or may not come back equal: the caller then checks by decoding.
     */
    static boolean plain(Object value) {
        if (value == null
                || value instanceof Integer
                || value instanceof Long
                || value instanceof Double
                || value instanceof Boolean
                || value instanceof ObjectId
                || value instanceof Decimal128) {
            return true;
        }
        if (value instanceof String string) {
            return plainText(string);
        }
        if (value instanceof Instant instant) {
            return instant.getNano() % 1_000_000 == 0;
        }
        if (value instanceof List<?> list) {
            for (Object element : list) {
                if (!plain(element)) {
                    return false;
                }
            }
            return true;
        }
        if (value.getClass() == Document.class) {
            for (Map.Entry<String, Object> entry : ((Document) value).entrySet()) {
                if (!plainText(entry.getKey()) || !plain(entry.getValue())) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** No NUL and no surrogate outside a pair: UTF-8 encodes it and decodes it back unchanged. */
    private static boolean plainText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c)
                        || i + 1 == text.length()
                        || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }

    private static Document decode(byte[] bson) {
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson));
    }

    /**
     * Equal, with every value of the same class (an int read back as a long is not the same document), except that a
     * list may read back as another class of list.
     */
    static boolean sameValue(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof List<?> first && b instanceof List<?> second) {
            // Any list reads back as a list; lists are equal whatever their class, in documents and index keys.
            if (first.size() != second.size()) {
                return false;
            }
            for (int i = 0; i < first.size(); i++) {
                if (!sameValue(first.get(i), second.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.getClass() != b.getClass()) {
            return false;
        }
        if (a instanceof Document first) {
            Document second = (Document) b;
            if (first.size() != second.size() || !first.keySet().equals(second.keySet())) {
                return false;
            }
            for (String key : first.keySet()) {
                if (!sameValue(first.get(key), second.get(key))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }
}
