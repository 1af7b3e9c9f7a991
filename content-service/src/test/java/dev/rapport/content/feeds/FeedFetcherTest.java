package dev.rapport.content.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.rapport.support.outbound.OutboundGuard;
import dev.rapport.support.outbound.OutboundProperties;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FeedFetcherTest {

    private static FeedFetcher fetcher(boolean allowPrivate) {
        return new FeedFetcher(
                new FeedProperties(null, null, null, null),
                new OutboundGuard(new OutboundProperties(allowPrivate, false)));
    }

    @Test
    void feedsOnLoopbackPrivateOrMetadataAddressesAndPlainHttpAreRefusedByDefault() throws Exception {
        try (FeedFetcher strict = fetcher(false)) {
            for (String url : new String[] {
                "https://127.0.0.1/feed",
                "https://10.0.0.5/feed",
                "https://[::1]/feed",
                "https://[::ffff:127.0.0.1]/feed",
                "https://2130706433/feed",
                "https://169.254.169.254/latest/meta-data/",
                "https://metadata.google.internal/feed",
                "http://93.184.215.14/feed"
            }) {
                assertThatThrownBy(() -> strict.check(URI.create(url)))
                        .as(url)
                        .isInstanceOfSatisfying(
                                FeedProblem.class, p -> assertThat(p.kind()).isEqualTo(FeedProblem.Kind.REFUSED));
            }
        }
    }

    @Test
    void aRedirectToTheInsideIsRefusedAtItsHop() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/feed", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
            exchange.sendResponseHeaders(301, -1);
            exchange.close();
        });
        server.start();
        try (FeedFetcher fetcher = fetcher(true)) {
            URI feed = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/feed");
            assertThatThrownBy(() -> fetcher.fetch(feed)).isInstanceOfSatisfying(FeedProblem.class, p -> {
                assertThat(p.kind()).isEqualTo(FeedProblem.Kind.REFUSED);
                assertThat(p.getMessage()).contains("metadata");
            });
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aDoctypeIsRefusedSoNoExternalEntityIsEverRead() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/hostname">]>
                <rss version="2.0"><channel><title>&secret;</title><item><title>x</title><link>https://a.b/c</link></item></channel></rss>""";

        assertThatThrownBy(() -> FeedFetcher.parse(xxe.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(
                        FeedProblem.class, p -> assertThat(p.kind()).isEqualTo(FeedProblem.Kind.MALFORMED));
    }
}
