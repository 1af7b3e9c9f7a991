package dev.rapport.reminders.webhooks;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Runs the delivery sweep on every instance (lane leases keep each lane to one of them). */
@Component
class WebhookSweep {

    private static final Logger log = LoggerFactory.getLogger(WebhookSweep.class);
    private static final int LANES = 200;

    private final WebhookDeliveries deliveries;

    WebhookSweep(WebhookDeliveries deliveries) {
        this.deliveries = deliveries;
    }

    @Scheduled(
            fixedDelayString = "${rapport.reminders.webhooks.sweep-interval:PT2S}",
            initialDelayString = "${rapport.reminders.webhooks.initial-delay:PT10S}")
    void run() {
        try {
            while (deliveries.sweep(LANES) == LANES) {
                // a full batch: more lanes may be due
            }
        } catch (RuntimeException e) {
            log.warn("Webhook sweep failed, the next one retries: {}", e.toString());
        }
    }
}
