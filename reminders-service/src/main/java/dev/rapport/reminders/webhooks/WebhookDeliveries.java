package dev.rapport.reminders.webhooks;

import dev.rapport.reminders.RemindersProperties;
import dev.rapport.reminders.notifications.WebhookClient;
import dev.rapport.reminders.notifications.domain.RetryPolicy;
import dev.rapport.reminders.webhooks.WebhookEndpointsDocument.Subscription;
import dev.rapport.reminders.webhooks.domain.SigningSecret;
import dev.rapport.support.events.Aggregates;
import io.micrometer.core.instrument.Metrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

/**
 * Sends pending webhook deliveries: a sweep claims due lanes (one subscription and subject each) and sends each
 * lane's deliveries in order, one at a time, through the shared {@link WebhookClient} (outbound guard, timeouts, no
 * redirects). A failed attempt is retried with exponential backoff and jitter; a delivery still failing after
 * {@code retry-for} (a day) disables its subscription and tells the member. Lanes run concurrently, so a slow or
 * failing receiver holds back only its own lanes.
 */
@Service
public class WebhookDeliveries {

    static final String CONTENT_TYPE = "application/cloudevents+json; charset=utf-8";
    private static final Logger log = LoggerFactory.getLogger(WebhookDeliveries.class);

    private final MongoTemplate mongo;
    private final Aggregates aggregates;
    private final WebhookQueue queue;
    private final WebhookClient client;
    private final WebhookNotices notices;
    private final Clock clock;
    private final RemindersProperties.Webhooks config;
    private final RetryPolicy retries;
    private final Duration lease;

    WebhookDeliveries(
            MongoTemplate mongo,
            Aggregates aggregates,
            WebhookQueue queue,
            WebhookClient client,
            WebhookNotices notices,
            Clock clock,
            RemindersProperties properties) {
        this.mongo = mongo;
        this.aggregates = aggregates;
        this.queue = queue;
        this.client = client;
        this.notices = notices;
        this.clock = clock;
        this.config = properties.webhooks();
        this.retries =
                new RetryPolicy(config.initialBackoff(), config.maxBackoff(), config.jitter(), Integer.MAX_VALUE);
        RemindersProperties.Delivery http = properties.delivery();
        // Long enough for a whole lane's run of attempts, each at its connect and answer timeouts.
        this.lease = http.connectTimeout()
                .plus(http.timeout())
                .multipliedBy(config.perLaneAndSweep())
                .plusSeconds(30);
    }

    /**
     * Claims up to {@code limit} due lanes and sends their deliveries, lanes concurrently.
     *
     * @return how many lanes were worked on
     */
    public int sweep(int limit) {
        Instant now = clock.instant();
        List<WebhookLaneDocument> claimed = new ArrayList<>();
        for (WebhookLaneDocument lane : queue.due(now, limit)) {
            if (queue.claim(lane, now, now.plus(lease))) {
                claimed.add(lane);
            }
        }
        try (var parallel = Executors.newVirtualThreadPerTaskExecutor()) {
            for (WebhookLaneDocument lane : claimed) {
                parallel.execute(() -> {
                    try {
                        work(lane.id);
                    } catch (RuntimeException e) {
                        // The lease expires and a later sweep goes on where this one stopped.
                        log.warn("Webhook lane {} interrupted: {}", lane.id, e.toString());
                    }
                });
            }
        }
        return claimed.size();
    }

    /** Sends the lane's deliveries in order until it is empty, one fails, or this sweep's share is used. */
    private void work(String laneId) {
        for (int sent = 0; sent < config.perLaneAndSweep(); sent++) {
            WebhookLaneDocument lane = queue.reload(laneId);
            if (lane == null) {
                return;
            }
            if (lane.deliveryIds.isEmpty()) {
                queue.closeIfEmpty(laneId, clock.instant());
                return;
            }
            String head = lane.deliveryIds.getFirst();
            WebhookDeliveryDocument delivery = mongo.findById(head, WebhookDeliveryDocument.class);
            if (delivery == null || !delivery.pending()) {
                queue.pop(laneId, head); // erased, or ended by a disabling meanwhile
                continue;
            }
            WebhookEndpointsDocument endpoints = mongo.findById(lane.memberId, WebhookEndpointsDocument.class);
            Subscription subscription = endpoints == null
                    ? null
                    : endpoints.find(lane.subscriptionId).orElse(null);
            if (subscription == null || "disabled".equals(subscription.status)) {
                cancelAll(lane, subscription == null ? "the subscription was deleted" : "the subscription is disabled");
                return;
            }
            if (!subscription.active()) {
                // Paused after this was queued: it waits for the resume.
                queue.release(laneId, clock.instant().plus(Duration.ofMinutes(1)));
                return;
            }
            Instant retryAt = attempt(delivery, subscription);
            if (retryAt != null) {
                if (retryAt.isAfter(delivery.deadline)) {
                    giveUp(lane, delivery, endpoints, subscription);
                } else {
                    queue.release(laneId, retryAt);
                }
                return;
            }
            queue.pop(laneId, head);
        }
        queue.release(laneId, clock.instant());
    }

    /** One attempt; answers when to retry, or null when delivered. */
    private Instant attempt(WebhookDeliveryDocument delivery, Subscription subscription) {
        Instant now = clock.instant();
        long timestamp = now.getEpochSecond();
        String signature = SigningSecret.header(subscription.secrets, delivery.getId(), timestamp, delivery.body, now);
        long started = System.nanoTime();
        WebhookClient.Outcome outcome =
                client.post(subscription.url, delivery.getId(), timestamp, signature, delivery.body, CONTENT_TYPE);
        long tookMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
        Instant after = clock.instant();
        delivery.attempted(after, outcome.status(), tookMs, outcome.problem());
        Metrics.counter(
                        "rapport.webhook.subscription.deliveries",
                        "outcome",
                        outcome.delivered() ? "delivered" : "failed")
                .increment();
        if (outcome.delivered()) {
            delivery.delivered(after);
            aggregates.save(delivery);
            return null;
        }
        Instant retryAt = after.plus(retries.delayAfter(
                delivery.attempts, ThreadLocalRandom.current().nextDouble()));
        delivery.retryAt(retryAt);
        aggregates.save(delivery);
        log.info(
                "Webhook delivery {} attempt {} failed ({}), next at {}",
                delivery.getId(),
                delivery.attempts,
                outcome.problem(),
                retryAt);
        return retryAt;
    }

    /** A day of failures: the delivery fails, the subscription is disabled and the member told. */
    private void giveUp(
            WebhookLaneDocument lane,
            WebhookDeliveryDocument delivery,
            WebhookEndpointsDocument endpoints,
            Subscription subscription) {
        String reason = "deliveries kept failing for " + config.retryFor() + " (last: " + delivery.lastError + ")";
        delivery.end("failed", null);
        aggregates.save(delivery);
        Instant now = clock.instant();
        try {
            endpoints.disable(subscription, reason, delivery.attempts, now);
            aggregates.save(endpoints);
            notices.subscriptionDisabled(endpoints, subscription, reason, now);
        } catch (OptimisticLockingFailureException changedMeanwhile) {
            // The member changed the subscription at that moment: the next failure decides again.
            log.info("Subscription {} changed while being disabled", subscription.id);
        }
        cancelAll(lane, "the subscription was disabled");
        log.warn("Webhook subscription {} disabled: {}", subscription.id, reason);
    }

    private void cancelAll(WebhookLaneDocument lane, String reason) {
        for (String id : lane.deliveryIds) {
            WebhookDeliveryDocument pending = mongo.findById(id, WebhookDeliveryDocument.class);
            if (pending != null && pending.pending()) {
                pending.end("cancelled", reason);
                try {
                    aggregates.save(pending);
                } catch (OptimisticLockingFailureException redelivered) {
                    // changed meanwhile: left as it is
                }
            }
        }
        queue.drop(lane.id);
    }
}
