package dev.rapport.content.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FeedFetcherTest {

    @Test
    void feedsOnLoopbackOrPrivateNetworksAreRefusedUnlessAllowed() {
        try (FeedFetcher strict = new FeedFetcher(new FeedProperties(null, null, null, null, false))) {
            for (String url : new String[] {"http://127.0.0.1/feed", "http://10.0.0.5/feed", "http://[::1]/feed"}) {
                assertThatThrownBy(() -> strict.check(URI.create(url)))
                        .as(url)
                        .isInstanceOfSatisfying(
                                FeedProblem.class, p -> assertThat(p.kind()).isEqualTo(FeedProblem.Kind.REFUSED));
            }
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
