package dev.rapport.contacts.capture;

import dev.rapport.support.outbound.OutboundGuard;
import dev.rapport.support.outbound.OutboundHttp;
import dev.rapport.support.outbound.OutboundRefusedException;
import jakarta.annotation.PreDestroy;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.springframework.stereotype.Component;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Fetches calendar feeds, and CalDAV collections with credentials, through the outbound guard ({@code https}, public addresses unless allowed, the checked
 * address is the one connected to), conditionally ({@code If-None-Match} / {@code If-Modified-Since}), within a
 * size and a time limit, following no redirect.
 */
@Component
class CalendarFetcher {

    /** What a fetch gave: the feed (null when it did not change) and its validators, or why it failed. */
    sealed interface Fetched {
        record Feed(byte[] body, String etag, String lastModified) implements Fetched {}

        record NotModified() implements Fetched {}

        /** The calendar objects a CalDAV collection answered, one VCALENDAR each. */
        record Objects(List<byte[]> calendars) implements Fetched {}

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
        Sent sent = send("GET", url, headers, null, null);
        if (sent.failure() != null) {
            return sent.failure();
        }
        OutboundHttp.Response response = sent.response();
        int status = response.status();
        if (status == 304) {
            return new Fetched.NotModified();
        }
        if (status == 200) {
            if (response.truncated()) {
                return tooLarge();
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

    /**
     * Asks a CalDAV collection for the events in a time range (RFC 4791 {@code calendar-query} REPORT, Depth 1,
     * HTTP Basic credentials): the server answers each calendar object that has an occurrence in the range,
     * overrides and exceptions included. Same guard, size and time limits as a feed; no redirect is followed.
     */
    Fetched fetchCalDav(String url, String username, String password, Instant from, Instant to) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Depth", "1");
        headers.put("User-Agent", "Rapport calendar sync");
        headers.put(
                "Authorization",
                "Basic "
                        + Base64.getEncoder()
                                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
        String query = CALENDAR_QUERY.formatted(DAV_TIME.format(from), DAV_TIME.format(to));
        Sent sent =
                send("REPORT", url, headers, query.getBytes(StandardCharsets.UTF_8), "application/xml; charset=utf-8");
        if (sent.failure() != null) {
            return sent.failure();
        }
        OutboundHttp.Response response = sent.response();
        int status = response.status();
        if (status == 401 || status == 403) {
            return new Fetched.Failed(
                    "unauthorized", "the CalDAV server refused the username or password (" + status + ")");
        }
        if (status == 207) {
            if (response.truncated()) {
                return tooLarge();
            }
            try {
                return new Fetched.Objects(calendarData(response.body()));
            } catch (IOException e) {
                return new Fetched.Failed("not-caldav", "the answer is not a CalDAV multistatus: " + e.getMessage());
            }
        }
        if (status >= 300 && status < 400) {
            return new Fetched.Failed(
                    "redirected", "the calendar's address redirects (" + status + "): give the final address");
        }
        if (status == 404 || status == 410) {
            return new Fetched.Failed(
                    "not-found", "the CalDAV collection answered " + status + ": the address is wrong");
        }
        return new Fetched.Failed(
                "not-caldav", "the address answered " + status + " to a CalDAV query: is it a calendar collection?");
    }

    /** A request's answer, or why there was none (as the source's failure). */
    private record Sent(OutboundHttp.Response response, Fetched.Failed failure) {}

    /** Sends a request within the calendars' size and time limits; a transport failure becomes the source's. */
    private Sent send(String method, String url, Map<String, String> headers, byte[] body, String contentType) {
        try {
            return new Sent(
                    http.send(
                            method,
                            URI.create(url),
                            headers,
                            body,
                            contentType,
                            settings.maxSize().toBytes()),
                    null);
        } catch (OutboundRefusedException e) {
            return new Sent(
                    null,
                    new Fetched.Failed("address-refused", "the calendar's address is refused: " + e.getMessage()));
        } catch (InterruptedIOException e) {
            return new Sent(
                    null, new Fetched.Failed("timeout", "the calendar did not answer within " + settings.timeout()));
        } catch (IOException | IllegalArgumentException e) {
            return new Sent(
                    null,
                    new Fetched.Failed(
                            "unreachable",
                            "the calendar could not be reached (" + e.getClass().getSimpleName() + ")"));
        }
    }

    private Fetched.Failed tooLarge() {
        return new Fetched.Failed(
                "too-large", "the calendar is larger than " + settings.maxSize().toMegabytes() + " MB");
    }

    /** The {@code calendar-data} of each {@code response} of a multistatus (a parser that reads no DTD or entity). */
    static List<byte[]> calendarData(byte[] multistatus) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            javax.xml.parsers.DocumentBuilder builder = factory.newDocumentBuilder();
            // Fails on a fatal error, as the default handler does, without printing it to stderr.
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler());
            org.w3c.dom.Document document = builder.parse(new ByteArrayInputStream(multistatus));
            if (!"multistatus".equals(document.getDocumentElement().getLocalName())
                    || !DAV.equals(document.getDocumentElement().getNamespaceURI())) {
                throw new IOException("its root is not DAV:multistatus");
            }
            NodeList data = document.getElementsByTagNameNS(CALDAV, "calendar-data");
            List<byte[]> calendars = new ArrayList<>(data.getLength());
            for (int i = 0; i < data.getLength(); i++) {
                String text = data.item(i).getTextContent();
                if (text != null && !text.isBlank()) {
                    calendars.add(text.getBytes(StandardCharsets.UTF_8));
                }
            }
            return calendars;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static final String DAV = "DAV:";
    private static final String CALDAV = "urn:ietf:params:xml:ns:caldav";
    private static final DateTimeFormatter DAV_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final String CALENDAR_QUERY = """
            <?xml version="1.0" encoding="utf-8"?>
            <C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
              <D:prop><D:getetag/><C:calendar-data/></D:prop>
              <C:filter>
                <C:comp-filter name="VCALENDAR">
                  <C:comp-filter name="VEVENT"><C:time-range start="%s" end="%s"/></C:comp-filter>
                </C:comp-filter>
              </C:filter>
            </C:calendar-query>
            """;

    @PreDestroy
    void close() throws IOException {
        http.close();
    }
}
