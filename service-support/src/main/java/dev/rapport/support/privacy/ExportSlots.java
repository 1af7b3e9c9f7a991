package dev.rapport.support.privacy;

import dev.rapport.support.web.ApiException;
import dev.rapport.support.web.StreamedJson;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.json.JsonMapper;

/**
 * How many member exports a service streams at once ({@code rapport.exports.concurrency}, 2 by default); the others
 * wait their turn, unanswered, for up to {@code rapport.exports.queue-wait} (45 s, within the gateway's
 * export-idle-timeout of 60 s), then get a {@code 503}. An export reads every row a member has in several
 * collections: on the embedded store each such read materialises the member's rows, so twenty exports of a
 * 30,000-contact network at once would hold twenty copies of it in the store and starve every other request.
 * Queued, they cost what two do.
 *
 * <p>Exports of one member that wait for a slot together are read once: the first to wait reads the member's data
 * when a slot frees and writes each byte to every answer that joined it while it waited. Each of them asked before
 * the read began, so each gets data at least as recent as its request. An export that has begun takes no one in: a
 * request arriving then waits for the next read. One answer whose client goes away does not end the others.
 */
public final class ExportSlots {

    private final Semaphore slots;
    private final Duration queueWait;

    /** The read of each member that waits for a slot, which later requests of the member join; guarded by itself. */
    private final Map<String, Read> waiting = new HashMap<>();

    public ExportSlots(int concurrency, Duration queueWait) {
        if (concurrency < 1 || queueWait.isNegative()) {
            throw new IllegalArgumentException(
                    "rapport.exports.concurrency must be at least 1 and rapport.exports.queue-wait not negative");
        }
        this.slots = new Semaphore(concurrency, true);
        this.queueWait = queueWait;
    }

    /**
     * The {@link StreamedJson} answer of {@code members}, the export of {@code memberId}, written once a slot is free,
     * or the bytes of a read of the same member that waits for a slot already. Nothing is sent while it waits, so a
     * wait that ends without a slot is still an ordinary {@code 503} answer. {@code members} must write nothing but
     * the member's data: another request of the member may be answered with what it writes.
     */
    public ResponseEntity<StreamingResponseBody> stream(
            JsonMapper json, String memberId, StreamedJson.Members members) {
        ResponseEntity<StreamingResponseBody> answer = StreamedJson.ok(json, members);
        return ResponseEntity.status(answer.getStatusCode())
                .headers(answer.getHeaders())
                .body(out -> answer(out, memberId, json, members));
    }

    private void answer(OutputStream out, String memberId, JsonMapper json, StreamedJson.Members members)
            throws IOException {
        Reader reader = new Reader(out);
        Read read;
        boolean first;
        synchronized (waiting) {
            read = waiting.get(memberId);
            first = read == null;
            if (first) {
                read = new Read(memberId);
                waiting.put(memberId, read);
            }
            read.readers.add(reader);
        }
        if (first) {
            read.perform(json, members);
        } else {
            read.awaitEnd(reader);
        }
        reader.rethrow();
    }

    /** One read of a member's data, written to every {@link Reader} that joined it before it began. */
    private final class Read {

        private final String memberId;
        /** Guarded by {@link #waiting}; no one joins once the read has left {@link #waiting}. */
        private final List<Reader> readers = new ArrayList<>();

        private final CountDownLatch ended = new CountDownLatch(1);

        Read(String memberId) {
            this.memberId = memberId;
        }

        void perform(JsonMapper json, StreamedJson.Members members) {
            boolean acquired = acquire();
            List<Reader> all;
            synchronized (waiting) {
                waiting.remove(memberId, this);
                all = List.copyOf(readers);
            }
            try {
                if (!acquired) {
                    RuntimeException busy = new ApiException(
                            HttpStatus.SERVICE_UNAVAILABLE,
                            "Service Unavailable",
                            "Too many exports are being written right now: try again in a minute",
                            Map.of());
                    all.forEach(reader -> reader.fail(busy));
                    return;
                }
                try {
                    StreamedJson.write(json, new Tee(all), members);
                } catch (IOException | RuntimeException | Error e) {
                    all.forEach(reader -> reader.fail(e));
                } finally {
                    slots.release();
                }
            } finally {
                ended.countDown();
            }
        }

        void awaitEnd(Reader reader) {
            try {
                ended.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                reader.fail(new IOException("The export was interrupted while it was being written", e));
            }
        }
    }

    /** How many answers wait for the read of {@code memberId} that waits for a slot (0 when none waits). */
    int waitingFor(String memberId) {
        synchronized (waiting) {
            Read read = waiting.get(memberId);
            return read == null ? 0 : read.readers.size();
        }
    }

    private boolean acquire() {
        try {
            return slots.tryAcquire(queueWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** One answer of a read, and what ended it if it did not end well. */
    private static final class Reader {

        private final OutputStream out;
        private volatile @Nullable Throwable failure;

        Reader(OutputStream out) {
            this.out = out;
        }

        boolean failed() {
            return failure != null;
        }

        void fail(Throwable cause) {
            if (failure == null) {
                failure = cause;
            }
        }

        /** Ends the answer as the read ended it: an error before the first byte is still an ordinary error answer. */
        void rethrow() throws IOException {
            Throwable cause = failure;
            if (cause == null) {
                return;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException("The export could not be written: " + cause.getMessage(), cause);
        }
    }

    /**
     * Writes to every answer still open; an answer whose client has gone is dropped, and the read ends only when no
     * answer is left. Closing it closes none of them: each is its request's to close.
     */
    private static final class Tee extends OutputStream {

        private final List<Reader> readers;

        Tee(List<Reader> readers) {
            this.readers = readers;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            each(out -> out.write(bytes, offset, length));
        }

        @Override
        public void flush() throws IOException {
            each(OutputStream::flush);
        }

        @Override
        public void close() throws IOException {
            flush();
        }

        private void each(Step step) throws IOException {
            boolean open = false;
            for (Reader reader : readers) {
                if (reader.failed()) {
                    continue;
                }
                try {
                    step.on(reader.out);
                    open = true;
                } catch (IOException | UncheckedIOException e) {
                    reader.fail(e);
                }
            }
            if (!open) {
                throw new IOException("Every client of the export has gone");
            }
        }
    }

    @FunctionalInterface
    private interface Step {
        void on(OutputStream out) throws IOException;
    }
}
