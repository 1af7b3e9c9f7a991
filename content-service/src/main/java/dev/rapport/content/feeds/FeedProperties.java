package dev.rapport.content.feeds;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How blog feeds are fetched.
 *
 * @param connectTimeout how long to wait for the connection
 * @param readTimeout how long the whole download may take (headers and body)
 * @param maxBytes the largest feed accepted
 * @param syncInterval how often each feed is synced in the background
 * @param allowPrivateAddresses whether feeds may live on loopback or private networks (off: a feed URL must not
 *     let a member reach the platform's internal network)
 */
@ConfigurationProperties("rapport.content.feeds")
public record FeedProperties(
        Duration connectTimeout,
        Duration readTimeout,
        Long maxBytes,
        Duration syncInterval,
        boolean allowPrivateAddresses) {

    public FeedProperties {
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(3) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(10) : readTimeout;
        maxBytes = maxBytes == null ? 2L * 1024 * 1024 : maxBytes;
        syncInterval = syncInterval == null ? Duration.ofHours(6) : syncInterval;
    }
}
