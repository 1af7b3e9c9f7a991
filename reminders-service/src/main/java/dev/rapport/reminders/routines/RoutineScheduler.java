package dev.rapport.reminders.routines;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Turns due routine occurrences into reminders, every few minutes, on every instance (claims keep it exactly once). */
@Component
class RoutineScheduler {

    private static final Logger log = LoggerFactory.getLogger(RoutineScheduler.class);
    private static final int BATCH = 500;

    private final RoutineService routines;

    RoutineScheduler(RoutineService routines) {
        this.routines = routines;
    }

    @Scheduled(
            fixedDelayString = "${rapport.reminders.routines.sweep-interval:PT5M}",
            initialDelayString = "${rapport.reminders.routines.initial-delay:PT30S}")
    void sweep() {
        try {
            int created = routines.materializeDue(BATCH);
            if (created > 0) {
                log.info("Routines made {} reminders", created);
            }
        } catch (RuntimeException e) {
            log.warn("Routine sweep failed, the next one retries: {}", e.toString());
        }
    }
}
