package dev.rapport.reminders.notifications;

import dev.rapport.reminders.RemindersProperties;
import dev.rapport.support.outbound.OutboundGuard;
import dev.rapport.support.outbound.OutboundHttp;
import dev.rapport.support.outbound.OutboundRefusedException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Posts signed JSON to members' webhooks through the outbound guard (checked again at every send, connected to the
 * address that was checked), with connect and answer timeouts, never following redirects.
 */
@Component
public class WebhookClient implements AutoCloseable {

    private final OutboundHttp http;

    WebhookClient(RemindersProperties properties, OutboundGuard guard) {
        RemindersProperties.Delivery settings = properties.delivery();
        this.http = new OutboundHttp(guard, settings.connectTimeout(), settings.timeout());
    }

    /**
     * What came of one attempt.
     *
     * @param permanent a refusal that retrying cannot change (a 4xx other than 408 and 429, or a URL the outbound
     *     guard refuses)
     * @param status the receiver's HTTP status, 0 when it gave none
     */
    public record Outcome(boolean delivered, boolean permanent, String problem, int status) {}

    /** Posts {@code body} with the Standard Webhooks headers and the idempotency key. */
    public Outcome post(String url, String id, long timestamp, String signature, String body) {
        return post(url, id, timestamp, signature, body, "application/json");
    }

    /** Posts {@code body} of {@code contentType} with the Standard Webhooks headers and the idempotency key. */
    public Outcome post(String url, String id, long timestamp, String signature, String body, String contentType) {
        try {
            OutboundHttp.Response response = http.send(
                    "POST",
                    new URI(url),
                    Map.of(
                            "User-Agent", "Rapport-Webhooks/1",
                            "webhook-id", id,
                            "webhook-timestamp", Long.toString(timestamp),
                            "webhook-signature", signature,
                            "Idempotency-Key", id),
                    body.getBytes(StandardCharsets.UTF_8),
                    contentType,
                    0);
            int status = response.status();
            if (status >= 200 && status < 300) {
                return new Outcome(true, false, null, status);
            }
            boolean permanent = status >= 400 && status < 500 && status != 408 && status != 429;
            return new Outcome(false, permanent, "answered " + status, status);
        } catch (OutboundRefusedException | URISyntaxException e) {
            return new Outcome(false, true, "refused: the webhook URL " + e.getMessage(), 0);
        } catch (InterruptedIOException e) {
            if (Thread.currentThread().isInterrupted()) {
                return new Outcome(false, false, "interrupted", 0);
            }
            return new Outcome(false, false, "timed out: " + e.getMessage(), 0);
        } catch (IOException e) {
            return new Outcome(false, false, "unreachable: " + e, 0);
        }
    }

    @Override
    public void close() throws IOException {
        http.close();
    }
}
