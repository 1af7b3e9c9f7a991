package dev.rapport.reminders.notifications;

import dev.rapport.reminders.RemindersProperties;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import org.springframework.stereotype.Component;

/** Posts signed JSON to members' webhooks, with connect and answer timeouts, never following redirects. */
@Component
public class WebhookClient {

    private final HttpClient http;
    private final RemindersProperties.Delivery settings;

    WebhookClient(RemindersProperties properties) {
        this.settings = properties.delivery();
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * What came of one attempt.
     *
     * @param permanent a refusal that retrying cannot change (a 4xx other than 408 and 429)
     */
    public record Outcome(boolean delivered, boolean permanent, String problem) {}

    /** Posts {@code body} with the Standard Webhooks headers and the idempotency key. */
    public Outcome post(String url, String id, long timestamp, String signature, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Rapport-Webhooks/1")
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signature)
                .header("Idempotency-Key", id)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            int status =
                    http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status >= 200 && status < 300) {
                return new Outcome(true, false, null);
            }
            boolean permanent = status >= 400 && status < 500 && status != 408 && status != 429;
            return new Outcome(false, permanent, "answered " + status);
        } catch (HttpTimeoutException e) {
            return new Outcome(false, false, "timed out: " + e.getMessage());
        } catch (IOException e) {
            return new Outcome(false, false, "unreachable: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(false, false, "interrupted");
        }
    }
}
