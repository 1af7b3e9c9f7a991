package dev.rapport.platform.faults;

import dev.rapport.platform.Service;
import dev.rapport.platform.harness.Await;
import dev.rapport.platform.harness.Load;
import dev.rapport.platform.harness.Stats;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scenario 3: reminders-service is killed (SIGKILL) halfway through consuming a backlog of interactions with one
 * promise each, and started again: its final state equals a control member's, who got the same posts without the
 * kill; no follow-up is missing or doubled, no ReminderCreated is published twice, nothing is dead-lettered.
 */
final class ConsumerKilled {

    static final String MEMBER = "faults-consumer";
    static final String CONTROL = "faults-consumer-control";
    private static final String INTERACTION_LOGGED = "rapport.contacts.InteractionLogged.v1";
    private static final String REMINDER_CREATED = "rapport.reminders.ReminderCreated.v1";
    private static final String GROUP = "reminders-service";
    private static final int CLIENTS = 8;

    private final FaultScenarios run;
    private final FaultOptions.Sizes sizes;

    ConsumerKilled(FaultScenarios run) {
        this.run = run;
        this.sizes = run.sizes;
    }

    String load() {
        return sizes.consumerEvents() + " interactions with one promise each through the gateway (" + CLIENTS
                + " clients) while reminders-service is frozen, then consumed as one backlog; the same posts for a"
                + " control member before any fault";
    }

    void run(FaultReport.Scenario scenario) throws Exception {
        int total = sizes.consumerEvents();
        List<String> contacts = run.contacts(MEMBER, sizes.contacts());
        List<String> controlContacts = run.contacts(CONTROL, sizes.contacts());
        long deadLetteredBefore = run.deadLettered();
        Set<String> all = Promises.all("consumer", total);
        run.promises.control(
                "consumer-control", CLIENTS, Duration.ofMinutes(15), CONTROL, controlContacts, "consumer", total);

        // The backlog: posted while reminders-service is frozen, so that it consumes all of it at once afterwards.
        run.platform.controls().pause(Service.REMINDERS);
        long backlog;
        try {
            Load.Result posted = run.promises.post(
                    "consumer-backlog", CLIENTS, Duration.ofMinutes(15), MEMBER, contacts, "consumer", total);
            scenario.equal("posts accepted", (long) total, posted.ok());
            Await.until(
                    "the backlog's events on " + Topics.CONTACTS,
                    Duration.ofMinutes(5),
                    () -> run.topics
                                    .read(
                                            Topics.CONTACTS,
                                            e -> MEMBER.equals(e.key()) && INTERACTION_LOGGED.equals(e.type()))
                                    .size()
                            >= total);
            backlog = run.topics.lag(GROUP, Topics.CONTACTS);
        } finally {
            run.platform.controls().resume(Service.REMINDERS);
        }
        // Killed once a quarter of the backlog shows in its state. Not by committed offsets: the consumer commits per
        // poll batch (up to 500 records), so a small backlog goes from all to nothing in one commit.
        int quarter = Math.max(1, total / 4);
        Await.until(
                "reminders-service a quarter through its backlog",
                Duration.ofMinutes(5),
                () -> run.promises.followUpCounts(MEMBER, all).size() >= quarter);
        int done = run.promises.followUpCounts(MEMBER, all).size();
        long pid = run.platform.controls().kill(Service.REMINDERS);
        // Read after the kill: a dead consumer commits nothing more.
        long left = run.topics.lag(GROUP, Topics.CONTACTS);
        long restartedAt = System.nanoTime();
        long newPid = run.platform.controls().restart(Service.REMINDERS);
        scenario.note("backlog of " + backlog + " events; killed reminders-service (pid " + pid + ", SIGKILL) with "
                + done + " follow-ups made just before it and " + left + " events not committed after it (redelivered"
                + " after the restart);"
                + " restarted it (pid " + newPid + ", ready after "
                + Stats.seconds((System.nanoTime() - restartedAt) / 1e9) + ")");
        scenario.check(
                "the kill landed mid-stream: follow-ups made just before it, events not committed after it",
                "both ≥ 1",
                done + " made, " + left + " not committed",
                done > 0 && left > 0);

        try {
            Duration settled = Await.until(
                    "a follow-up for every promise",
                    sizes.settle(),
                    () -> run.promises.followUpCounts(MEMBER, all).size() == total
                            && run.topics.lag(GROUP, Topics.CONTACTS) == 0);
            scenario.note(
                    "every follow-up readable " + Stats.seconds(settled.toMillis() / 1000.0) + " after the restart");
        } catch (Await.NotInTime e) {
            scenario.note(e.getMessage());
        }
        Map<String, Integer> counts = run.promises.followUpCounts(MEMBER, all);
        scenario.equal(
                "promises with exactly one follow-up reminder",
                (long) total,
                counts.values().stream().filter(n -> n == 1).count());
        scenario.equal(
                "promises with more than one follow-up reminder",
                0L,
                counts.values().stream().filter(n -> n > 1).count());
        List<Topics.Event> created =
                run.topics.read(Topics.REMINDERS, e -> MEMBER.equals(e.key()) && REMINDER_CREATED.equals(e.type()));
        scenario.equal(
                "ReminderCreated events on " + Topics.REMINDERS + " (distinct ids)",
                (long) total,
                created.stream().map(Topics.Event::id).distinct().count());
        scenario.equal("records added to the dead-letter topics", 0L, run.deadLettered() - deadLetteredBefore);
        scenario.equal(
                "digest of the follow-ups, against the control member's",
                run.promises.followUpDigest(CONTROL, all),
                run.promises.followUpDigest(MEMBER, all));
    }
}
