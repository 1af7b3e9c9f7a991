package dev.rapport.reminders.notifications;

import dev.rapport.contracts.events.DigestDelivered;
import dev.rapport.contracts.events.NotificationChannel;
import dev.rapport.contracts.events.NotificationFailed;
import dev.rapport.reminders.RemindersProperties;
import dev.rapport.reminders.digest.DigestSource;
import dev.rapport.reminders.notifications.domain.CircuitBreaker;
import dev.rapport.reminders.notifications.domain.RetryPolicy;
import dev.rapport.reminders.reminders.ReminderView;
import dev.rapport.reminders.settings.NotificationSettingsDocument;
import dev.rapport.reminders.settings.NotificationSettingsService;
import dev.rapport.reminders.settings.domain.MemberPreferences;
import dev.rapport.reminders.signing.domain.WebhookSignature;
import dev.rapport.support.events.Aggregates;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends each member's daily digest to their webhook: made once per member and day at the member's digest
 * time (out of quiet hours), then attempted with exponential backoff behind the member's circuit breaker
 * until delivered ({@code DigestDelivered}) or given up ({@code NotificationFailed}). Every step is
 * claimed with an atomic conditional update, so several instances never send the same digest twice.
 */
@Service
public class DigestDeliveries {

    static final NotificationChannel CHANNEL = NotificationChannel.WEBHOOK;
    private static final Logger log = LoggerFactory.getLogger(DigestDeliveries.class);

    private final MongoTemplate mongo;
    private final NotificationSettingsService settings;
    private final DigestSource digests;
    private final WebhookClient webhooks;
    private final Aggregates aggregates;
    private final JsonMapper json;
    private final Clock clock;
    private final RemindersProperties.Delivery config;
    private final RetryPolicy retries;
    private final CircuitBreaker breaker;

    public DigestDeliveries(
            MongoTemplate mongo,
            NotificationSettingsService settings,
            DigestSource digests,
            WebhookClient webhooks,
            Aggregates aggregates,
            JsonMapper json,
            Clock clock,
            RemindersProperties properties) {
        this.mongo = mongo;
        this.settings = settings;
        this.digests = digests;
        this.webhooks = webhooks;
        this.aggregates = aggregates;
        this.json = json;
        this.clock = clock;
        this.config = properties.delivery();
        this.retries =
                new RetryPolicy(config.initialBackoff(), config.maxBackoff(), config.jitter(), config.maxAttempts());
        this.breaker = new CircuitBreaker(config.circuitThreshold(), config.circuitOpenFor());
    }

    /** What the member's webhook receives. */
    public record DigestPayload(
            String type, String id, LocalDate date, String timeZone, String locale, List<ReminderView> items) {}

    /**
     * Makes the digests that are due: stores the day's digest for delivery <em>first</em>, then moves the
     * member's slot on to the next one. Storing is idempotent (one digest per member and day, by its id), so
     * a crash between the two leaves the slot due and the next run, here or on another instance, finds the
     * digest stored and only moves the slot: a digest is never lost and never made twice. An empty digest
     * is not sent: nothing to say is not worth a message.
     *
     * @return how many digests were made
     */
    public int scheduleDue(int limit) {
        Instant now = clock.instant();
        int made = 0;
        for (NotificationSettingsDocument member : settings.dueForDigest(now, limit)) {
            MemberPreferences preferences = settings.preferences(member);
            Instant due = member.getNextDigestAt();
            if (store(member, preferences, due, now)) {
                made++;
            }
            settings.claimDigest(member, due, preferences.nextDigestAfter(now));
        }
        return made;
    }

    /** Stores the member's digest of their day at {@code now}; false when it is empty or stored already. */
    private boolean store(
            NotificationSettingsDocument member, MemberPreferences preferences, Instant due, Instant now) {
        String id = DigestDeliveryDocument.idOf(member.getMemberId(), preferences.today(now));
        if (mongo.exists(new Query(Criteria.where("_id").is(id)), DigestDeliveryDocument.class)) {
            return false; // made before a crash, by another instance, or at an earlier slot of the same day
        }
        DigestSource.Chosen chosen = digests.digest(member.getMemberId(), preferences, now);
        if (chosen.items().isEmpty()) {
            return false;
        }
        DigestDeliveryDocument delivery =
                new DigestDeliveryDocument(member.getMemberId(), member.getTenantId(), chosen.date());
        delivery.body = json.writeValueAsString(new DigestPayload(
                "rapport.reminders.digest.v1",
                delivery.getId(),
                chosen.date(),
                preferences.zone().getId(),
                preferences.locale().getLanguage(),
                chosen.items()));
        delivery.reminderIds = chosen.items().stream().map(ReminderView::id).toList();
        delivery.createdAt = now;
        delivery.nextAttemptAt = now;
        delivery.deadline = due.plus(config.deadline());
        try {
            mongo.insert(delivery);
            return true;
        } catch (DuplicateKeyException sameDay) {
            return false; // another instance stored it a moment ago
        }
    }

    /**
     * Attempts the pending deliveries that are due, concurrently; each is claimed with a lease first.
     *
     * @return how many were attempted
     */
    public int attemptDue(int limit) {
        Instant now = clock.instant();
        List<DigestDeliveryDocument> due = mongo.find(
                new Query(Criteria.where("status")
                                .is("pending")
                                .and("nextAttemptAt")
                                .lte(now))
                        .limit(limit),
                DigestDeliveryDocument.class);
        List<DigestDeliveryDocument> claimed = new ArrayList<>();
        for (DigestDeliveryDocument delivery : due) {
            if (claim(delivery, now)) {
                claimed.add(delivery);
            }
        }
        try (var parallel = Executors.newVirtualThreadPerTaskExecutor()) {
            for (DigestDeliveryDocument delivery : claimed) {
                parallel.execute(() -> {
                    try {
                        attempt(delivery);
                    } catch (RuntimeException e) {
                        // The lease expires and a later run tries again.
                        log.warn("Delivery {} not attempted: {}", delivery.getId(), e.toString());
                    }
                });
            }
        }
        return claimed.size();
    }

    private boolean claim(DigestDeliveryDocument delivery, Instant now) {
        Instant lease = now.plus(config.timeout()).plus(config.connectTimeout()).plusSeconds(30);
        boolean won = mongo.updateFirst(
                                new Query(new Criteria()
                                        .andOperator(
                                                Criteria.where("_id").is(delivery.getId()),
                                                Criteria.where("status").is("pending"),
                                                new Criteria()
                                                        .orOperator(
                                                                Criteria.where("attemptLease")
                                                                        .is(null),
                                                                Criteria.where("attemptLease")
                                                                        .lt(now)))),
                                new Update().set("attemptLease", lease),
                                // By collection name: a claim must not bump the document's version.
                                mongo.getCollectionName(DigestDeliveryDocument.class))
                        .getModifiedCount()
                == 1;
        if (won) {
            delivery.attemptLease = lease;
        }
        return won;
    }

    private void attempt(DigestDeliveryDocument delivery) {
        Instant now = clock.instant();
        NotificationSettingsDocument member = settings.stored(delivery.getMemberId());
        if (member == null || member.getWebhookUrl() == null) {
            fail(delivery, "the member removed their webhook", now);
            return;
        }
        MemberPreferences preferences = settings.preferences(member);
        CircuitBreaker.State circuit =
                new CircuitBreaker.State(member.getCircuitFailures(), member.getCircuitOpenUntil());
        if (!breaker.allows(circuit, now)) {
            Instant retryAt = preferences.allowed(circuit.openUntil());
            if (retryAt.isAfter(delivery.deadline)) {
                fail(delivery, "the webhook's circuit is open (it kept failing)", now);
            } else {
                delivery.nextAttemptAt = retryAt;
                delivery.attemptLease = null;
                mongo.save(delivery);
            }
            return;
        }
        long timestamp = now.getEpochSecond();
        WebhookClient.Outcome outcome = webhooks.post(
                member.getWebhookUrl(),
                delivery.getId(),
                timestamp,
                WebhookSignature.sign(member.getWebhookSecret(), delivery.getId(), timestamp, delivery.body),
                delivery.body);
        delivery.attempts++;
        delivery.attemptLease = null;
        // Every webhook attempt, for operators (docs/operations.md): rapport_webhook_deliveries_total{outcome}.
        io.micrometer.core.instrument.Metrics.counter(
                        "rapport.webhook.deliveries", "outcome", outcome.delivered() ? "delivered" : "failed")
                .increment();
        if (outcome.delivered()) {
            record(delivery.getMemberId(), breaker.onSuccess());
            delivery.status = "delivered";
            delivery.deliveredAt = now;
            delivery.lastError = null;
            delivery.record(h -> new DigestDelivered(h, delivery.date, CHANNEL, delivery.reminderIds));
            aggregates.save(delivery);
            return;
        }
        record(delivery.getMemberId(), breaker.onFailure(circuit, clock.instant()));
        delivery.lastError = outcome.problem();
        Instant retryAt = preferences.allowed(clock.instant()
                .plus(retries.delayAfter(
                        delivery.attempts, ThreadLocalRandom.current().nextDouble())));
        if (outcome.permanent() || !retries.mayRetry(delivery.attempts) || retryAt.isAfter(delivery.deadline)) {
            fail(delivery, outcome.problem(), clock.instant());
            return;
        }
        log.info(
                "Delivery {} attempt {} failed ({}), next at {}",
                delivery.getId(),
                delivery.attempts,
                outcome.problem(),
                retryAt);
        delivery.nextAttemptAt = retryAt;
        mongo.save(delivery);
    }

    private void fail(DigestDeliveryDocument delivery, String reason, Instant now) {
        delivery.status = "failed";
        delivery.failedAt = now;
        delivery.attemptLease = null;
        delivery.lastError = reason;
        delivery.record(h -> new NotificationFailed(h, delivery.getId(), CHANNEL, reason, delivery.attempts));
        log.warn("Delivery {} given up after {} attempts: {}", delivery.getId(), delivery.attempts, reason);
        aggregates.save(delivery);
    }

    private void record(String memberId, CircuitBreaker.State state) {
        settings.recordCircuit(memberId, state.consecutiveFailures(), state.openUntil());
    }
}
