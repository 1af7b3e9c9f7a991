package dev.rapport.reminders;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of reminders-service.
 *
 * @param defaultTimeZone the time zone of members who have not chosen one
 * @param defaultLocale the language of members who have not chosen one (es or en)
 * @param publicBaseUrl where members reach the platform (the gateway), for the calendar feed URLs
 * @param delivery how digests are delivered to webhooks
 * @param calendar what the calendar feed holds
 * @param webhooks how API consumers' webhook subscriptions are served
 */
@ConfigurationProperties("rapport.reminders")
public record RemindersProperties(
        ZoneId defaultTimeZone,
        Locale defaultLocale,
        String publicBaseUrl,
        Delivery delivery,
        Calendar calendar,
        Webhooks webhooks) {

    public RemindersProperties {
        defaultTimeZone = defaultTimeZone == null ? ZoneId.of("UTC") : defaultTimeZone;
        defaultLocale = defaultLocale == null ? Locale.ENGLISH : defaultLocale;
        publicBaseUrl = publicBaseUrl == null ? "http://127.0.0.1:8080" : publicBaseUrl.replaceAll("/+$", "");
        delivery = delivery == null ? new Delivery(null, null, null, null, 0, -1, 0, null, null) : delivery;
        calendar = calendar == null ? new Calendar(null, 0) : calendar;
        webhooks = webhooks == null ? new Webhooks(0, null, null, -1, null, null, null, 0) : webhooks;
    }

    /**
     * @param connectTimeout how long to wait for the webhook's connection
     * @param timeout how long to wait for the webhook's answer (a slower answer is a failed attempt)
     * @param initialBackoff the wait after the first failed attempt, doubled after each one
     * @param maxBackoff the longest wait between attempts
     * @param maxAttempts attempts before the delivery is given up and NotificationFailed is emitted
     * @param jitter the share of randomness in each wait (0 to below 1)
     * @param circuitThreshold consecutive failures that open the member's circuit
     * @param circuitOpenFor how long an open circuit stays open before one trial attempt
     * @param deadline how long after its scheduled time a digest is still worth delivering
     */
    public record Delivery(
            Duration connectTimeout,
            Duration timeout,
            Duration initialBackoff,
            Duration maxBackoff,
            int maxAttempts,
            double jitter,
            int circuitThreshold,
            Duration circuitOpenFor,
            Duration deadline) {
        public Delivery {
            connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
            timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
            initialBackoff = initialBackoff == null ? Duration.ofSeconds(30) : initialBackoff;
            maxBackoff = maxBackoff == null ? Duration.ofMinutes(30) : maxBackoff;
            maxAttempts = maxAttempts <= 0 ? 6 : maxAttempts;
            jitter = jitter < 0 ? 0.2 : jitter;
            circuitThreshold = circuitThreshold <= 0 ? 5 : circuitThreshold;
            circuitOpenFor = circuitOpenFor == null ? Duration.ofMinutes(15) : circuitOpenFor;
            deadline = deadline == null ? Duration.ofHours(12) : deadline;
        }
    }

    /**
     * @param alarmAt when, from the start of the reminder's day, its alarm goes off
     * @param pastDays how many days back open reminders stay in the feed
     */
    public record Calendar(Duration alarmAt, int pastDays) {
        public Calendar {
            alarmAt = alarmAt == null ? Duration.ofHours(9) : alarmAt;
            pastDays = pastDays <= 0 ? 30 : pastDays;
        }
    }

    /**
     * Webhook subscriptions of API consumers (docs/webhooks.md). Connect and answer timeouts are the digest
     * delivery's ({@link Delivery}): both go through the same {@code WebhookClient}.
     *
     * @param maxPerMember subscriptions a member may hold
     * @param initialBackoff the wait after a delivery's first failed attempt, doubled after each one
     * @param maxBackoff the longest wait between attempts
     * @param jitter the share of randomness in each wait (0 to below 1)
     * @param retryFor how long a delivery is retried before the subscription is disabled and the member told
     * @param defaultOverlap how long a rotated-out secret still signs deliveries, unless the request says
     * @param maxOverlap the longest overlap a rotation may ask for
     * @param perLaneAndSweep deliveries one sweep sends in a row on one subscription and subject
     */
    public record Webhooks(
            int maxPerMember,
            Duration initialBackoff,
            Duration maxBackoff,
            double jitter,
            Duration retryFor,
            Duration defaultOverlap,
            Duration maxOverlap,
            int perLaneAndSweep) {
        public Webhooks {
            maxPerMember = maxPerMember <= 0 ? 20 : maxPerMember;
            initialBackoff = initialBackoff == null ? Duration.ofSeconds(10) : initialBackoff;
            maxBackoff = maxBackoff == null ? Duration.ofHours(2) : maxBackoff;
            jitter = jitter < 0 ? 0.2 : jitter;
            retryFor = retryFor == null ? Duration.ofHours(24) : retryFor;
            defaultOverlap = defaultOverlap == null ? Duration.ofHours(24) : defaultOverlap;
            maxOverlap = maxOverlap == null ? Duration.ofDays(7) : maxOverlap;
            perLaneAndSweep = perLaneAndSweep <= 0 ? 20 : perLaneAndSweep;
        }
    }
}
