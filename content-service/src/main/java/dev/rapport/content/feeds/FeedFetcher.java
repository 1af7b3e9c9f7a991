package dev.rapport.content.feeds;

import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import dev.rapport.content.domain.FeedEntry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;

/**
 * Downloads and parses RSS and Atom feeds with ROME, defensively: http(s) only, no private addresses unless
 * allowed, a connect timeout, one deadline for the whole download, a size limit, no DOCTYPEs (XXE), and
 * redirects followed by hand so that each hop is checked too.
 */
@Component
class FeedFetcher implements AutoCloseable {

    static final int MAX_REDIRECTS = 3;
    static final int MAX_ENTRIES = 200;

    private final FeedProperties properties;
    private final HttpClient http;
    private final ExecutorService downloads = Executors.newVirtualThreadPerTaskExecutor();

    FeedFetcher(FeedProperties properties) {
        this.properties = properties;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(downloads)
                .build();
    }

    /** The entries of the feed at {@code url}, newest as the feed orders them, at most {@link #MAX_ENTRIES}. */
    List<FeedEntry> fetch(URI url) throws FeedProblem {
        return parse(download(url));
    }

    /** Refuses a URL that is not http(s) or (unless allowed) points at a private or local address. */
    void check(URI url) throws FeedProblem {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw new FeedProblem(FeedProblem.Kind.REFUSED, "must be an absolute http or https URL");
        }
        if (properties.allowPrivateAddresses()) {
            return;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(url.getHost())) {
                if (isInternal(address)) {
                    throw new FeedProblem(
                            FeedProblem.Kind.REFUSED,
                            "points at a private or local address: use the blog's public URL");
                }
            }
        } catch (UnknownHostException e) {
            throw new FeedProblem(FeedProblem.Kind.UNREACHABLE, "host " + url.getHost() + " is unknown");
        }
    }

    private static boolean isInternal(InetAddress address) {
        boolean uniqueLocalV6 = address instanceof Inet6Address && (address.getAddress()[0] & 0xfe) == 0xfc;
        return address.isAnyLocalAddress()
                || address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()
                || uniqueLocalV6;
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

    private byte[] downloadFollowingRedirects(URI url) throws FeedProblem, IOException, InterruptedException {
        URI current = url;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            check(current);
            HttpRequest request = HttpRequest.newBuilder(current)
                    .timeout(properties.readTimeout())
                    .header("Accept", "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5")
                    .header("User-Agent", "Rapport-FeedSync/1.0")
                    .GET()
                    .build();
            HttpResponse<InputStream> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (HttpTimeoutException e) {
                throw timeout();
            }
            try (InputStream body = response.body()) {
                int status = response.statusCode();
                if (status >= 300
                        && status < 400
                        && response.headers().firstValue("Location").isPresent()) {
                    current = current.resolve(
                            response.headers().firstValue("Location").get());
                    continue;
                }
                if (status != 200) {
                    throw new FeedProblem(FeedProblem.Kind.UNREACHABLE, "answered HTTP " + status);
                }
                long declared =
                        response.headers().firstValueAsLong("Content-Length").orElse(-1);
                if (declared > properties.maxBytes()) {
                    throw tooLarge();
                }
                byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, properties.maxBytes() + 1));
                if (bytes.length > properties.maxBytes()) {
                    throw tooLarge();
                }
                return bytes;
            }
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
    public void close() {
        downloads.shutdownNow();
    }
}
