package dev.rapport.content.feeds;

import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import dev.rapport.content.domain.FeedEntry;
import dev.rapport.support.outbound.OutboundGuard;
import dev.rapport.support.outbound.OutboundHttp;
import dev.rapport.support.outbound.OutboundRefusedException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;

/**
 * Downloads and parses RSS and Atom feeds with ROME, defensively: through the outbound guard (https, no address
 * inside the platform, the checked address is the one connected to), a connect timeout, one deadline for the whole
 * download, a size limit, no DOCTYPEs (XXE), and redirects followed by hand so that each hop is checked too.
 */
@Component
class FeedFetcher implements AutoCloseable {

    static final int MAX_REDIRECTS = 3;
    static final int MAX_ENTRIES = 200;

    private final FeedProperties properties;
    private final OutboundGuard guard;
    private final OutboundHttp http;
    private final ExecutorService downloads = Executors.newVirtualThreadPerTaskExecutor();

    FeedFetcher(FeedProperties properties, OutboundGuard guard) {
        this.properties = properties;
        this.guard = guard;
        this.http = new OutboundHttp(guard, properties.connectTimeout(), properties.readTimeout());
    }

    /** The entries of the feed at {@code url}, newest as the feed orders them, at most {@link #MAX_ENTRIES}. */
    List<FeedEntry> fetch(URI url) throws FeedProblem {
        return parse(download(url));
    }

    /** Refuses a URL that the outbound guard refuses (not https, or an address inside the platform). */
    void check(URI url) throws FeedProblem {
        try {
            guard.check(url);
        } catch (OutboundRefusedException e) {
            throw new FeedProblem(FeedProblem.Kind.REFUSED, e.getMessage());
        } catch (UnknownHostException e) {
            throw new FeedProblem(FeedProblem.Kind.UNREACHABLE, e.getMessage());
        }
    }

    private byte[] download(URI url) throws FeedProblem {
        Future<byte[]> download = downloads.submit(() -> downloadFollowingRedirects(url));
        try {
            return download.get(properties.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            download.cancel(true);
            throw timeout();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof FeedProblem problem) {
                throw problem;
            }
            throw new FeedProblem(
                    FeedProblem.Kind.UNREACHABLE,
                    "could not be read: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            download.cancel(true);
            throw new FeedProblem(FeedProblem.Kind.TIMEOUT, "was interrupted");
        }
    }

    private byte[] downloadFollowingRedirects(URI url) throws FeedProblem, IOException {
        URI current = url;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            OutboundHttp.Response response;
            try {
                // Each hop is checked again by the guard when it connects; a feed request carries no credentials.
                response = http.send(
                        "GET",
                        current,
                        Map.of(
                                "Accept",
                                "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5",
                                "User-Agent",
                                "Rapport-FeedSync/1.0"),
                        null,
                        null,
                        properties.maxBytes());
            } catch (OutboundRefusedException e) {
                throw new FeedProblem(FeedProblem.Kind.REFUSED, e.getMessage());
            } catch (UnknownHostException e) {
                throw new FeedProblem(FeedProblem.Kind.UNREACHABLE, e.getMessage());
            } catch (InterruptedIOException e) {
                throw timeout();
            }
            int status = response.status();
            if (status >= 300 && status < 400 && response.header("Location").isPresent()) {
                try {
                    current = current.resolve(response.header("Location").get());
                } catch (IllegalArgumentException e) {
                    throw new FeedProblem(FeedProblem.Kind.UNREACHABLE, "redirects to an invalid URL");
                }
                continue;
            }
            if (status != 200) {
                throw new FeedProblem(FeedProblem.Kind.UNREACHABLE, "answered HTTP " + status);
            }
            if (response.truncated()) {
                throw tooLarge();
            }
            return response.body();
        }
        throw new FeedProblem(FeedProblem.Kind.UNREACHABLE, "redirects more than " + MAX_REDIRECTS + " times");
    }

    private FeedProblem timeout() {
        return new FeedProblem(
                FeedProblem.Kind.TIMEOUT,
                "did not answer within " + properties.readTimeout().toMillis() + " ms");
    }

    private FeedProblem tooLarge() {
        return new FeedProblem(FeedProblem.Kind.TOO_LARGE, "is larger than " + properties.maxBytes() / 1024 + " KB");
    }

    static List<FeedEntry> parse(byte[] bytes) throws FeedProblem {
        SyndFeed feed;
        try {
            SyndFeedInput input = new SyndFeedInput();
            input.setAllowDoctypes(false);
            feed = input.build(new XmlReader(new ByteArrayInputStream(bytes)));
        } catch (FeedException | IOException | IllegalArgumentException e) {
            throw new FeedProblem(FeedProblem.Kind.MALFORMED, "is not a valid RSS or Atom feed");
        }
        List<FeedEntry> entries = new ArrayList<>();
        for (SyndEntry entry : feed.getEntries()) {
            String key = blankToNull(entry.getUri()) != null ? entry.getUri().trim() : blankToNull(entry.getLink());
            if (key == null || entries.size() >= MAX_ENTRIES) {
                continue;
            }
            Date date = entry.getPublishedDate() != null ? entry.getPublishedDate() : entry.getUpdatedDate();
            entries.add(new FeedEntry(
                    key,
                    blankToNull(entry.getTitle()),
                    blankToNull(entry.getLink()),
                    date == null ? null : date.toInstant(),
                    entry.getCategories().stream()
                            .map(SyndCategory::getName)
                            .filter(name -> name != null && !name.isBlank())
                            .toList()));
        }
        return entries;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    @Override
    public void close() throws IOException {
        downloads.shutdownNow();
        http.close();
    }
}
