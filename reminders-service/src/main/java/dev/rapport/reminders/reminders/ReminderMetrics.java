package dev.rapport.reminders.reminders;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code rapport.reminders.due}: reminders due today or earlier (UTC) that are still open or whose snooze has
 * run out: what members have waiting. Counted every minute (a scan on the embedded store), read by the gauge.
 * Reminders created and completed are counted where they are published: {@code rapport.events.published} with
 * {@code type} {@code rapport.reminders.ReminderCreated.v1} / {@code ReminderCompleted.v1}.
 */
@Component
class ReminderMetrics {

    private static final Logger log = LoggerFactory.getLogger(ReminderMetrics.class);

    private final MongoTemplate mongo;
    private final Clock clock;
    private final AtomicLong due = new AtomicLong();

    ReminderMetrics(MongoTemplate mongo, Clock clock, MeterRegistry meters) {
        this.mongo = mongo;
        this.clock = clock;
        Gauge.builder("rapport.reminders.due", due, AtomicLong::get)
                .description("Open reminders due today or earlier (UTC), snoozed ones whose snooze ran out included")
                .register(meters);
        // Counted by DigestDeliveries on every webhook attempt; registered here so that both series exist (at 0)
        // from the start and rates and alerts work before the first failure.
        for (String outcome : new String[] {"delivered", "failed"}) {
            Counter.builder("rapport.webhook.deliveries")
                    .description("Digest webhook attempts by outcome")
                    .tag("outcome", outcome)
                    .register(meters);
        }
    }

    @Scheduled(fixedDelayString = "${rapport.reminders.metrics-refresh:PT1M}", initialDelayString = "PT5S")
    void refresh() {
        try {
            due.set(countDue());
        } catch (RuntimeException e) {
            log.debug("Could not count due reminders: {}", e.toString());
        }
    }

    long countDue() {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        Criteria open = Criteria.where("status").is("open").and("dueOn").lte(today);
        Criteria snoozed =
                Criteria.where("status").is("snoozed").and("snoozedUntil").lte(today);
        long count = mongo.count(Query.query(new Criteria().orOperator(open, snoozed)), ReminderDocument.class);
        due.set(count);
        return count;
    }
}
