package dev.rapport.contacts.staleness;

import dev.rapport.contacts.ContactsProperties;
import dev.rapport.contacts.contacts.ContactStaleness;
import dev.rapport.contacts.groups.GroupService;
import dev.rapport.contacts.interactions.InteractionService;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The keep-in-touch sweep, every {@code rapport.contacts.staleness.sweep-interval}: first finishes
 * clocks a crash left unmoved (so no contact goes stale because of an interaction already logged),
 * then starts staleness episodes, quiet episodes of groups and birthday announcements. Every step is
 * an atomic conditional update, so any number of instances may sweep at the same time.
 */
@Component
public class StalenessSweep {

    private static final Logger log = LoggerFactory.getLogger(StalenessSweep.class);

    private final InteractionService interactions;
    private final ContactStaleness contacts;
    private final GroupService groups;
    private final Clock clock;

    StalenessSweep(InteractionService interactions, ContactStaleness contacts, GroupService groups, Clock clock) {
        this.interactions = interactions;
        this.contacts = contacts;
        this.groups = groups;
        this.clock = clock;
    }

    /** What one sweep did. */
    public record Outcome(int clocksFinished, int contactsGoneStale, int groupsGoneQuiet, int birthdaysAnnounced) {}

    /** The sweep's interval: {@code rapport.contacts.staleness.sweep-interval} as the typed settings read it. */
    static final String SWEEP_INTERVAL = "#{@'" + ContactsProperties.BEAN + "'.staleness().sweepInterval()}";

    @Scheduled(fixedDelayString = SWEEP_INTERVAL, initialDelayString = SWEEP_INTERVAL)
    public Outcome sweep() {
        int finished = interactions.applyPendingClocks();
        Instant now = clock.instant();
        Outcome outcome =
                new Outcome(finished, contacts.markLapsed(now), groups.markQuiet(now), contacts.announceBirthdays(now));
        if (outcome.contactsGoneStale() + outcome.groupsGoneQuiet() + outcome.birthdaysAnnounced() + finished > 0) {
            log.info("Keep-in-touch sweep: {}", outcome);
        }
        return outcome;
    }
}
