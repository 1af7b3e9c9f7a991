package dev.rapport.content.feeds;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How blog feeds are fetched. Where a feed may live is the outbound guard's rule ({@code rapport.outbound.*}), shared
 * with webhooks and the alumni directory.
 *
 * @param connectTimeout how long to wait for the connection
 * @param readTimeout how long the whole download may take (headers and body)
 * @param maxBytes the largest feed accepted
 * @param syncInterval how often each feed is synced in the background
 */
@ConfigurationProperties("rapport.content.feeds")
public record FeedProperties(Duration connectTimeout, Duration readTimeout, Long maxBytes, Duration syncInterval) {

    public FeedProperties {
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(3) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(10) : readTimeout;
        maxBytes = maxBytes == null ? 2L * 1024 * 1024 : maxBytes;
        syncInterval = syncInterval == null ? Duration.ofHours(6) : syncInterval;
    }
}
