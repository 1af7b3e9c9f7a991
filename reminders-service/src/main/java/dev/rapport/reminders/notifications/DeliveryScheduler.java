package dev.rapport.reminders.notifications;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Makes due digests and attempts pending deliveries, on every instance (claims keep each step to one of them). */
@Component
class DeliveryScheduler {

    private static final Logger log = LoggerFactory.getLogger(DeliveryScheduler.class);
    private static final int BATCH = 200;

    private final DigestDeliveries deliveries;

    DeliveryScheduler(DigestDeliveries deliveries) {
        this.deliveries = deliveries;
    }

    @Scheduled(
            fixedDelayString = "${rapport.reminders.delivery.poll-interval:PT30S}",
            initialDelayString = "${rapport.reminders.delivery.initial-delay:PT20S}")
    void run() {
        try {
            deliveries.scheduleDue(BATCH);
            deliveries.attemptDue(BATCH);
        } catch (RuntimeException e) {
            log.warn("Digest delivery run failed, the next one retries: {}", e.toString());
        }
    }
}
