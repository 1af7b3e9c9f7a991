package dev.rapport.platform.faults;

import dev.rapport.platform.harness.Await;
import dev.rapport.platform.harness.Load;
import dev.rapport.platform.harness.Stats;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scenario 1: interactions with one promise each are posted through the gateway at a steady rate while the Kafka
 * broker is killed (SIGKILL) and, some seconds later, restarted. Writes need only the store (the outbox keeps
 * their events), so the API keeps answering; afterwards every promise has exactly one follow-up reminder, every
 * event is on its topic, nothing is dead-lettered, and the reminders equal those of a member who got the same
 * posts without the fault.
 */
final class BrokerOutage {

    private static final Logger log = LoggerFactory.getLogger(BrokerOutage.class);
    static final String MEMBER = "faults-broker";
    static final String CONTROL = "faults-broker-control";
    private static final String INTERACTION_LOGGED = "rapport.contacts.InteractionLogged.v1";
    private static final String REMINDER_CREATED = "rapport.reminders.ReminderCreated.v1";
    private static final int CLIENTS = 8;

    private final FaultScenarios run;
    private final FaultOptions.Sizes sizes;

    BrokerOutage(FaultScenarios run) {
        this.run = run;
        this.sizes = run.sizes;
    }

    String load() {
        return sizes.brokerInteractions() + " interactions with one promise each, through the gateway, "
                + sizes.brokerRate() + "/s from " + CLIENTS + " clients over " + sizes.contacts()
                + " contacts of one member; the same posts for a control member before any fault";
    }

    void run(FaultReport.Scenario scenario) throws Exception {
        int total = sizes.brokerInteractions();
        List<String> contacts = run.contacts(MEMBER, sizes.contacts());
        List<String> controlContacts = run.contacts(CONTROL, sizes.contacts());
        long deadLetteredBefore = run.deadLettered();

        // The run without the fault: the same promises on the same contacts (by position), as fast as it goes.
        run.promises.control(
                "broker-control", CLIENTS, Duration.ofMinutes(10), CONTROL, controlContacts, "broker", total);

        Map<Long, Integer> statuses = new ConcurrentHashMap<>();
        AtomicLong sent = new AtomicLong();
        long intervalNanos = 1_000_000_000L / sizes.brokerRate();
        long start = System.nanoTime();
        Thread fault = Thread.ofVirtual().name("broker-fault").start(() -> injectFault(scenario, sent, total));
        Load.Result posted =
                Load.run("broker-outage", CLIENTS, Duration.ofMinutes(10), Duration.ofSeconds(60), total, (c, seq) -> {
                    // A steady rate: request n leaves at n / rate seconds from the start.
                    Await.untilTime("post " + seq + "'s turn", start + seq * intervalNanos);
                    sent.incrementAndGet();
                    int status = run.client.status(run.promises.interaction(
                            MEMBER, contacts.get((int) (seq % contacts.size())), promise(seq)));
                    statuses.put(seq, status);
                    return status;
                });
        fault.join(Duration.ofMinutes(5));
        if (fault.isAlive()) {
            throw new FaultException("The broker was not back within 5 minutes");
        }
        scenario.note("posts: " + posted.answered() + " answered, non-2xx: " + posted.non2xxDetail() + "; p50 "
                + Stats.millis(posted.percentileMillis(0.5)) + ", p99 " + Stats.millis(posted.percentileMillis(0.99))
                + ", slowest " + Stats.millis(posted.percentileMillis(1.0)));

        Set<String> succeeded = statuses.entrySet().stream()
                .filter(e -> e.getValue() >= 200 && e.getValue() < 300)
                .map(e -> promise(e.getKey()))
                .collect(Collectors.toCollection(TreeSet::new));
        double success = succeeded.size() / (double) total;
        scenario.check(
                "API success during the outage (2xx of " + total + " posts)",
                "≥ 99.9%",
                String.format(java.util.Locale.ROOT, "%.2f%% (%d)", success * 100, succeeded.size()),
                success >= 0.999);

        Duration settled;
        try {
            settled = Await.until(
                    "a follow-up for every accepted promise",
                    sizes.settle(),
                    () -> run.promises.followUpCounts(MEMBER, succeeded).size() == succeeded.size());
            scenario.note("every follow-up readable " + Stats.seconds(settled.toMillis() / 1000.0)
                    + " after the last post was answered");
        } catch (Await.NotInTime e) {
            scenario.note(e.getMessage());
        }
        Map<String, Integer> counts = run.promises.followUpCounts(MEMBER, succeeded);
        long once = counts.values().stream().filter(n -> n == 1).count();
        long more = counts.values().stream().filter(n -> n > 1).count();
        scenario.equal("accepted promises with exactly one follow-up reminder", (long) succeeded.size(), once);
        scenario.equal("promises with more than one follow-up reminder", 0L, more);

        List<Topics.Event> logged =
                run.topics.read(Topics.CONTACTS, e -> MEMBER.equals(e.key()) && INTERACTION_LOGGED.equals(e.type()));
        long distinctLogged = logged.stream().map(Topics.Event::id).distinct().count();
        scenario.equal(
                "InteractionLogged events on " + Topics.CONTACTS + " (distinct ids)",
                (long) succeeded.size(),
                distinctLogged);
        scenario.note("InteractionLogged records on the topic: " + logged.size() + " ("
                + (logged.size() - distinctLogged) + " redelivered: delivery is at least once)");
        List<Topics.Event> created =
                run.topics.read(Topics.REMINDERS, e -> MEMBER.equals(e.key()) && REMINDER_CREATED.equals(e.type()));
        long distinctCreated = created.stream().map(Topics.Event::id).distinct().count();
        scenario.equal(
                "ReminderCreated events on " + Topics.REMINDERS + " (distinct ids)",
                (long) succeeded.size(),
                distinctCreated);
        scenario.equal("records added to the dead-letter topics", 0L, run.deadLettered() - deadLetteredBefore);
        scenario.equal(
                "digest of the follow-ups, against the control member's for the same promises",
                run.promises.followUpDigest(CONTROL, succeeded),
                run.promises.followUpDigest(MEMBER, succeeded));
    }

    private void injectFault(FaultReport.Scenario scenario, AtomicLong sent, int total) {
        try {
            Await.until("a quarter of the posts sent", Duration.ofMinutes(3), () -> sent.get() >= total / 4);
            long killedAt = System.nanoTime();
            long pid = run.platform.controls().killKafka();
            scenario.note("killed the broker (pid " + pid + ", SIGKILL) after " + sent.get() + " posts");
            // The outage lasts this long by definition: the broker is dead in the meantime.
            Await.untilTime(
                    "the end of the broker outage",
                    killedAt + sizes.brokerDown().toNanos());
            long sentWhileDown = sent.get();
            long newPid = run.platform.controls().restartKafka();
            scenario.note("restarted it (pid " + newPid + ") after "
                    + Stats.seconds((System.nanoTime() - killedAt) / 1e9) + " dead; posts sent by then: "
                    + sentWhileDown);
        } catch (Exception e) {
            log.error("The broker fault failed", e);
            scenario.error = "the broker fault failed: " + e;
        }
    }

    private static String promise(long seq) {
        return Promises.promise("broker", seq);
    }

    private static Set<String> promises(int total) {
        return Promises.all("broker", total);
    }
}
