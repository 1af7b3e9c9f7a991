package dev.rapport.contacts.capture;

import dev.rapport.support.outbound.OutboundGuard;
import dev.rapport.support.outbound.OutboundHttp;
import dev.rapport.support.outbound.OutboundRefusedException;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Fetches calendar feeds through the outbound guard ({@code https}, public addresses unless allowed, the checked
 * address is the one connected to), conditionally ({@code If-None-Match} / {@code If-Modified-Since}), within a
 * size and a time limit, following no redirect.
 */
@Component
class CalendarFetcher {

    /** What a fetch gave: the feed (null when it did not change) and its validators, or why it failed. */
    sealed interface Fetched {
        record Feed(byte[] body, String etag, String lastModified) implements Fetched {}

        record NotModified() implements Fetched {}

        record Failed(String code, String message) implements Fetched {}
    }

    private final OutboundHttp http;
    private final CaptureProperties.Calendars settings;

    CalendarFetcher(OutboundGuard guard, CaptureProperties properties) {
        this.settings = properties.calendars();
        this.http = new OutboundHttp(guard, settings.timeout(), settings.timeout());
    }

    Fetched fetch(String url, String etag, String lastModified) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "text/calendar, */*;q=0.5");
        headers.put("User-Agent", "Rapport calendar sync");
        if (etag != null) {
            headers.put("If-None-Match", etag);
        }
        if (lastModified != null) {
            headers.put("If-Modified-Since", lastModified);
        }
        OutboundHttp.Response response;
        try {
            response = http.send(
                    "GET",
                    URI.create(url),
                    headers,
                    null,
                    null,
                    settings.maxSize().toBytes());
        } catch (OutboundRefusedException e) {
            return new Fetched.Failed("address-refused", "the calendar's address is refused: " + e.getMessage());
        } catch (InterruptedIOException e) {
            return new Fetched.Failed("timeout", "the calendar did not answer within " + settings.timeout());
        } catch (IOException | IllegalArgumentException e) {
            return new Fetched.Failed(
                    "unreachable",
                    "the calendar could not be reached (" + e.getClass().getSimpleName() + ")");
        }
        int status = response.status();
        if (status == 304) {
            return new Fetched.NotModified();
        }
        if (status == 200) {
            if (response.truncated()) {
                return new Fetched.Failed(
                        "too-large",
                        "the calendar is larger than " + settings.maxSize().toMegabytes() + " MB");
            }
            return new Fetched.Feed(
                    response.body(),
                    response.header("ETag").orElse(null),
                    response.header("Last-Modified").orElse(null));
        }
        if (status >= 300 && status < 400) {
            return new Fetched.Failed(
                    "redirected", "the calendar's address redirects (" + status + "): give the final address");
        }
        if (status == 401 || status == 403 || status == 404 || status == 410) {
            return new Fetched.Failed(
                    "not-found", "the calendar answered " + status + ": the address was revoked or is wrong");
        }
        return new Fetched.Failed("http-" + status, "the calendar answered " + status);
    }

    @PreDestroy
    void close() throws IOException {
        http.close();
    }
}
