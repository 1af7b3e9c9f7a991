package dev.rapport.support.privacy;

import dev.rapport.support.web.ApiException;
import dev.rapport.support.web.StreamedJson;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
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
 */
public final class ExportSlots {

    private final Semaphore slots;
    private final Duration queueWait;

    public ExportSlots(int concurrency, Duration queueWait) {
        if (concurrency < 1 || queueWait.isNegative()) {
            throw new IllegalArgumentException(
                    "rapport.exports.concurrency must be at least 1 and rapport.exports.queue-wait not negative");
        }
        this.slots = new Semaphore(concurrency, true);
        this.queueWait = queueWait;
    }

    /**
     * The {@link StreamedJson} answer of {@code members}, written once a slot is free. Nothing is sent while it waits,
     * so a wait that ends without a slot is still an ordinary {@code 503} answer.
     */
    public ResponseEntity<StreamingResponseBody> stream(JsonMapper json, StreamedJson.Members members) {
        ResponseEntity<StreamingResponseBody> answer = StreamedJson.ok(json, members);
        StreamingResponseBody body = answer.getBody();
        return ResponseEntity.status(answer.getStatusCode())
                .headers(answer.getHeaders())
                .body(out -> {
                    acquire();
                    try {
                        body.writeTo(out);
                    } finally {
                        slots.release();
                    }
                });
    }

    private void acquire() {
        try {
            if (slots.tryAcquire(queueWait.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new ApiException(
                HttpStatus.SERVICE_UNAVAILABLE,
                "Service Unavailable",
                "Too many exports are being written right now: try again in a minute",
                Map.of());
    }
}
