package dev.rapport.content.feeds;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.rapport.content.ContentEvents;
import dev.rapport.content.ContentIntegrationTest;
import dev.rapport.testkit.ApiClient;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@ContentIntegrationTest
class FeedSyncIT {

    static WireMockServer blog;

    @LocalServerPort
    int port;

    String member;
    ApiClient api;

    @BeforeAll
    static void startBlog() {
        blog = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        blog.start();
    }

    @AfterAll
    static void stopBlog() {
        blog.stop();
    }

    @BeforeEach
    void member() {
        member = "member-" + UUID.randomUUID();
        api = ApiClient.asMember(port, member);
    }

    @Test
    void aNormalRssFeedPublishesTheMatchingPlannedItemAddsTheRestAndASecondSyncChangesNothing() {
        String path = "/" + UUID.randomUUID() + "/rss.xml";
        blog.stubFor(get(urlEqualTo(path))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/rss+xml; charset=utf-8")
                        .withBody(rss(
                                item(
                                        "¡Cómo contratar a tu primer Data Engineer!",
                                        "https://blog.example.org/contratar",
                                        2),
                                item("Data strategy in 2026", "https://blog.example.org/strategy", 5)))));
        String planned = api.post(
                        "/api/v1/content/items",
                        Map.of(
                                "title",
                                "Como contratar a tu primer data engineer",
                                "channel",
                                "blog",
                                "format",
                                "article",
                                "status",
                                "draft"))
                .json()
                .get("id")
                .asString();
        String feedId = register(blog.baseUrl() + path);

        try (ContentEvents events = new ContentEvents(member)) {
            var sync = api.post("/api/v1/content/feeds/" + feedId + "/sync", null);

            assertThat(sync.status()).isEqualTo(200);
            assertThat(sync.json().get("entries").asInt()).isEqualTo(2);
            assertThat(sync.json().get("published").get(0).asString()).isEqualTo(planned);
            assertThat(sync.json().get("added")).hasSize(1);
            var item = api.get("/api/v1/content/items/" + planned).json();
            assertThat(item.get("status").asString()).isEqualTo("published");
            assertThat(item.get("url").asString()).isEqualTo("https://blog.example.org/contratar");
            assertThat(item.get("fromFeed").asBoolean()).isTrue();
            var publishedEvent = events.await(
                    "ContentPublished", e -> e.get("itemId").asString().equals(planned));
            assertThat(publishedEvent.get("topics").get(0).asString()).isEqualTo("hiring");
            String added = sync.json().get("added").get(0).asString();
            assertThat(api.get("/api/v1/content/items/" + added)
                            .json()
                            .get("title")
                            .asString())
                    .isEqualTo("Data strategy in 2026");
            events.await("ContentPublished", e -> e.get("itemId").asString().equals(added));
        }

        var again = api.post("/api/v1/content/feeds/" + feedId + "/sync", null).json();
        assertThat(again.get("published")).isEmpty();
        assertThat(again.get("added")).isEmpty();
        assertThat(again.get("alreadyKnown").asInt()).isEqualTo(2);
        assertThat(api.get("/api/v1/content/items?channel=blog")
                        .json()
                        .get("total")
                        .asLong())
                .isEqualTo(2);
        assertThat(api.get("/api/v1/content/feeds")
                        .json()
                        .get(0)
                        .get("lastStatus")
                        .asString())
                .isEqualTo("ok");
    }

    @Test
    void anAtomFeedIsReadToo() {
        String path = "/" + UUID.randomUUID() + "/atom.xml";
        blog.stubFor(get(urlEqualTo(path))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/atom+xml")
                        .withBody("""
                                <?xml version="1.0" encoding="utf-8"?>
                                <feed xmlns="http://www.w3.org/2005/Atom">
                                  <title>Blog</title><id>urn:blog</id><updated>2026-01-01T00:00:00Z</updated>
                                  <entry>
                                    <title>Hiring data teams</title><id>urn:post:1</id>
                                    <link href="https://blog.example.org/hiring"/>
                                    <updated>2026-01-01T00:00:00Z</updated>
                                  </entry>
                                </feed>""")));
        String feedId = register(blog.baseUrl() + path);

        var sync = api.post("/api/v1/content/feeds/" + feedId + "/sync", null);

        assertThat(sync.status()).isEqualTo(200);
        assertThat(sync.json().get("added")).hasSize(1);
    }

    @Test
    void aMalformedFeedAnswers502AndChangesNothing() {
        String path = "/" + UUID.randomUUID() + "/broken.xml";
        blog.stubFor(get(urlEqualTo(path))
                .willReturn(aResponse().withBody("<rss version=\"2.0\"><channel><item><title>Half")));
        String feedId = register(blog.baseUrl() + path);

        var sync = api.post("/api/v1/content/feeds/" + feedId + "/sync", null);

        assertThat(sync.status()).isEqualTo(502);
        assertThat(sync.contentType()).startsWith("application/problem+json");
        assertThat(sync.json().get("reason").asString()).isEqualTo("malformed");
        assertThat(sync.json().get("detail").asString()).endsWith("is not a valid RSS or Atom feed");
        assertThat(api.get("/api/v1/content/items").json().get("total").asLong())
                .isZero();
        var feed = api.get("/api/v1/content/feeds").json().get(0);
        assertThat(feed.get("lastStatus").asString()).isEqualTo("failed");
        assertThat(feed.get("lastError").asString()).isEqualTo("is not a valid RSS or Atom feed");
    }

    @Test
    void aSlowFeedIsAbandonedAfterTheReadTimeoutWith504() {
        String path = "/" + UUID.randomUUID() + "/slow.xml";
        blog.stubFor(get(urlEqualTo(path))
                .willReturn(
                        aResponse().withFixedDelay(6_000).withBody(rss(item("Late", "https://b.example/late", 1)))));
        String feedId = register(blog.baseUrl() + path);

        Instant started = Instant.now();
        var sync = api.post("/api/v1/content/feeds/" + feedId + "/sync", null);

        assertThat(sync.status()).isEqualTo(504);
        assertThat(sync.json().get("reason").asString()).isEqualTo("timeout");
        // Abandoned at the 3 s deadline of the tests, well before the feed's 6 s answer.
        assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofSeconds(5));
        assertThat(api.get("/api/v1/content/items").json().get("total").asLong())
                .isZero();
    }

    @Test
    void aMissingFeedAnswers502WithTheStatusItGot() {
        String path = "/" + UUID.randomUUID() + "/gone.xml";
        blog.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withStatus(404)));
        String feedId = register(blog.baseUrl() + path);

        var sync = api.post("/api/v1/content/feeds/" + feedId + "/sync", null);

        assertThat(sync.status()).isEqualTo(502);
        assertThat(sync.json().get("detail").asString()).endsWith("answered HTTP 404");
    }

    @Test
    void onlyHttpAndHttpsFeedsAreAcceptedAndAnotherMembersFeedIsNotFound() {
        for (String url : List.of("file:///etc/passwd", "ftp://blog.example.org/feed", "gopher://x", "not a url")) {
            var refused = api.post("/api/v1/content/feeds", Map.of("url", url));
            assertThat(refused.status()).as(url).isEqualTo(400);
            assertThat(refused.json().get("errors").get(0).get("field").asString())
                    .isEqualTo("url");
        }
        assertThat(api.get("/api/v1/content/feeds").json()).isEmpty();

        String feedId = register(blog.baseUrl() + "/any.xml");
        ApiClient other = ApiClient.asMember(port, "other-" + UUID.randomUUID());
        assertThat(other.post("/api/v1/content/feeds/" + feedId + "/sync", null).status())
                .isEqualTo(404);
        assertThat(other.delete("/api/v1/content/feeds/" + feedId).status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/content/feeds/" + feedId).status()).isEqualTo(204);
    }

    private String register(String url) {
        var created = api.post("/api/v1/content/feeds", Map.of("url", url));
        assertThat(created.status()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    private static String rss(String... items) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>Blog</title><link>https://blog.example.org</link>
                <description>A blog</description>
                %s
                </channel></rss>""".formatted(String.join("\n", items));
    }

    private static String item(String title, String link, int daysAgo) {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                Instant.now().minus(Duration.ofDays(daysAgo)).atOffset(ZoneOffset.UTC));
        return "<item><title>%s</title><link>%s</link><guid>%s</guid><pubDate>%s</pubDate><category>Hiring</category></item>"
                .formatted(title, link, link, date);
    }
}
