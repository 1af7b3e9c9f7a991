package dev.rapport.contacts.imports;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Uploaded files kept in the store until their import job ends, in chunks of 1 MB (each a document,
 * read back by {@code _id}), so that any instance can run or resume the job after a restart.
 */
@Component
class ImportFiles {

    static final String COLLECTION = "import_files";
    static final int CHUNK = 1024 * 1024;

    /** A stored file: its id, size, number of chunks and SHA-256 of its bytes. */
    record Stored(String fileId, long bytes, int chunks, String sha256) {}

    private final MongoTemplate mongo;

    ImportFiles(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    private MongoCollection<Document> files() {
        return mongo.getCollection(COLLECTION);
    }

    /** Stores {@code head} then the rest of {@code in}, chunk by chunk (never the whole file in memory). */
    Stored store(String memberId, byte[] head, InputStream in) throws IOException {
        String fileId = UUID.randomUUID().toString();
        MessageDigest digest = sha256();
        byte[] buffer = new byte[CHUNK];
        int filled = 0;
        long bytes = 0;
        int chunks = 0;
        InputStream all = new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(head), in);
        try {
            while (true) {
                int n = all.read(buffer, filled, CHUNK - filled);
                if (n > 0) {
                    filled += n;
                }
                if (filled == CHUNK || (n < 0 && filled > 0)) {
                    byte[] data = java.util.Arrays.copyOf(buffer, filled);
                    digest.update(data);
                    files().insertOne(new Document("_id", chunkId(fileId, chunks))
                            .append("memberId", memberId)
                            .append("data", new Binary(data)));
                    bytes += filled;
                    chunks++;
                    filled = 0;
                }
                if (n < 0) {
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            delete(fileId, chunks);
            throw e;
        }
        return new Stored(fileId, bytes, chunks, HexFormat.of().formatHex(digest.digest()));
    }

    /** The stored file as a stream, read a chunk at a time. */
    InputStream open(String fileId, int chunks) {
        return new InputStream() {
            private int next;
            private byte[] current = new byte[0];
            private int position;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                while (position == current.length) {
                    if (next == chunks) {
                        return -1;
                    }
                    Document chunk = files().find(Filters.eq("_id", chunkId(fileId, next)))
                            .first();
                    if (chunk == null) {
                        throw new IOException("chunk " + next + " of the uploaded file is missing");
                    }
                    current = chunk.get("data", Binary.class).getData();
                    position = 0;
                    next++;
                }
                int n = Math.min(len, current.length - position);
                System.arraycopy(current, position, b, off, n);
                position += n;
                return n;
            }
        };
    }

    void delete(String fileId, int chunks) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < chunks; i++) {
            ids.add(chunkId(fileId, i));
        }
        if (!ids.isEmpty()) {
            files().deleteMany(Filters.in("_id", ids));
        }
    }

    private static String chunkId(String fileId, int n) {
        return fileId + ":" + n;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
