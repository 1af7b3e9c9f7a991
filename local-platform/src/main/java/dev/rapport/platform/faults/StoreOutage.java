package dev.rapport.platform.faults;

import dev.rapport.platform.Service;
import dev.rapport.platform.harness.Await;
import dev.rapport.platform.harness.Load;
import dev.rapport.platform.harness.Stats;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scenario 2: right after a burst of interactions (whose events reminders-service is still consuming), the
 * MongoDB-wire server stops for some seconds and starts again. While it is down every service answers 503
 * problem+json within 2 s and reports its readiness DOWN; afterwards everything recovers by itself, no event
 * consumed meanwhile is dead-lettered or lost, and the reminders equal a control member's.
 */
final class StoreOutage {

    static final String MEMBER = "faults-store";
    static final String CONTROL = "faults-store-control";
    private static final int CLIENTS = 8;
    private static final String INTERACTION_LOGGED = "rapport.contacts.InteractionLogged.v1";
    private static final Duration ANSWER_BOUND = Duration.ofSeconds(2);
    private static final Map<Service, String> PROBES = new EnumMap<>(Map.of(
            Service.CONTACTS, "/api/v1/contacts?limit=1",
            Service.REMINDERS, "/api/v1/reminders?limit=1",
            Service.CONTENT, "/api/v1/content/items?limit=1",
            Service.GATEWAY, "/api/v1/me/api-keys"));

    private final FaultScenarios run;
    private final FaultOptions.Sizes sizes;

    StoreOutage(FaultScenarios run) {
        this.run = run;
        this.sizes = run.sizes;
    }

    String load() {
        return sizes.storeInteractions() + " interactions with one promise each through the gateway just before the"
                + " fault (" + CLIENTS + " clients); during it, one read a second through the gateway per service and a"
                + " write; the same posts for a control member before any fault";
    }

    void run(FaultReport.Scenario scenario) throws Exception {
        int total = sizes.storeInteractions();
        List<String> contacts = run.contacts(MEMBER, sizes.contacts());
        List<String> controlContacts = run.contacts(CONTROL, sizes.contacts());
        long deadLetteredBefore = run.deadLettered();
        Set<String> all = Promises.all("store", total);
        run.promises.control(
                "store-control", CLIENTS, Duration.ofMinutes(10), CONTROL, controlContacts, "store", total);

        // reminders-service is frozen while the burst is posted, so that every one of its events waits for it and
        // is consumed while the store is down; it is let go right after the store stops.
        run.platform.controls().pause(Service.REMINDERS);
        long lag;
        long stoppedAt;
        try {
            Load.Result posted =
                    run.promises.post("store-burst", CLIENTS, Duration.ofMinutes(10), MEMBER, contacts, "store", total);
            scenario.equal("posts accepted before the fault", (long) total, posted.ok());
            Await.until(
                    "the burst's events on " + Topics.CONTACTS,
                    Duration.ofMinutes(2),
                    () -> run.topics
                                    .read(
                                            Topics.CONTACTS,
                                            e -> MEMBER.equals(e.key()) && INTERACTION_LOGGED.equals(e.type()))
                                    .size()
                            >= total);
            lag = run.topics.lag("reminders-service", Topics.CONTACTS);
            stoppedAt = System.nanoTime();
            run.platform.controls().stopMongo();
        } finally {
            run.platform.controls().resume(Service.REMINDERS);
        }
        scenario.note("stopped the store with " + lag + " events on " + Topics.CONTACTS
                + " not yet consumed by reminders-service (frozen with SIGSTOP during the burst, SIGCONT right after"
                + " the store stopped)");
        scenario.check(
                "events of the burst waiting for reminders-service when the store stopped",
                "≥ " + total,
                lag,
                lag >= total);

        // While it is down: every service's answers, and its readiness.
        Map<Service, List<String>> wrong = new EnumMap<>(Service.class);
        Map<Service, Integer> probes = new EnumMap<>(Service.class);
        Map<Service, Long> slowest = new EnumMap<>(Service.class);
        Map<Service, Duration> readinessDown = new LinkedHashMap<>();
        List<String> refusedWrites = new ArrayList<>();
        String refusedWrite = Promises.promise("store-refused", 0);
        boolean writeRefused = false;
        long upAt = stoppedAt + sizes.storeDown().toNanos();
        while (System.nanoTime() < upAt - ANSWER_BOUND.toNanos()) {
            for (Map.Entry<Service, String> probe : PROBES.entrySet()) {
                long sent = System.nanoTime();
                HttpResponse<String> answer;
                try {
                    answer = run.send(run.client
                            .viaGateway(MEMBER, "GET", probe.getValue())
                            .timeout(Duration.ofSeconds(10))
                            .GET()
                            .build());
                } catch (Exception e) {
                    wrong.computeIfAbsent(probe.getKey(), s -> new ArrayList<>())
                            .add(e.toString());
                    continue;
                }
                long took = System.nanoTime() - sent;
                probes.merge(probe.getKey(), 1, Integer::sum);
                slowest.merge(probe.getKey(), took, Math::max);
                String type = answer.headers().firstValue("Content-Type").orElse("");
                if (answer.statusCode() != 503 || !type.startsWith("application/problem+json")) {
                    wrong.computeIfAbsent(probe.getKey(), s -> new ArrayList<>())
                            .add(answer.statusCode() + " " + type + " " + FaultsText.abbreviate(answer.body(), 200));
                }
            }
            for (Service service : Service.values()) {
                if (!readinessDown.containsKey(service) && run.readiness(service) == 503) {
                    readinessDown.put(service, Duration.ofNanos(System.nanoTime() - stoppedAt));
                }
            }
            if (!writeRefused) {
                HttpResponse<String> write =
                        run.send(run.promises.interaction(MEMBER, contacts.getFirst(), refusedWrite));
                writeRefused = true;
                if (write.statusCode() != 503) {
                    refusedWrites.add(write.statusCode() + " " + FaultsText.abbreviate(write.body(), 200));
                }
            }
        }
        // The outage lasts this long by definition; the probes above ran during it.
        Await.untilTime("the end of the store outage", upAt);
        run.platform.controls().restartMongo();
        long restartedAt = System.nanoTime();
        scenario.note("restarted the store after " + Stats.seconds((restartedAt - stoppedAt) / 1e9));

        for (Service service : PROBES.keySet()) {
            scenario.check(
                    service.module() + ": every read through the gateway while the store was down",
                    "503 application/problem+json within " + ANSWER_BOUND.toSeconds() + " s",
                    probes.getOrDefault(service, 0) + " answered, slowest "
                            + Stats.millis(slowest.getOrDefault(service, 0L) / 1e6)
                            + (wrong.containsKey(service) ? ", wrong: " + wrong.get(service) : ""),
                    probes.getOrDefault(service, 0) > 0
                            && !wrong.containsKey(service)
                            && slowest.getOrDefault(service, Long.MAX_VALUE) <= ANSWER_BOUND.toNanos());
        }
        scenario.check(
                "a write (POST /api/v1/interactions) while the store was down",
                "503",
                refusedWrites.isEmpty() ? "503" : refusedWrites.toString(),
                writeRefused && refusedWrites.isEmpty());
        for (Service service : Service.values()) {
            Duration down = readinessDown.get(service);
            scenario.check(
                    service.module() + ": readiness while the store was down",
                    "DOWN (503)",
                    down == null ? "never DOWN" : "DOWN after " + Stats.seconds(down.toMillis() / 1000.0),
                    down != null);
        }

        // Recovery by itself: nobody restarts a service.
        Duration recovered = Await.until("every service ready again", Duration.ofMinutes(2), () -> {
            for (Service service : Service.values()) {
                if (run.readiness(service) != 200) {
                    return false;
                }
            }
            return true;
        });
        scenario.check(
                "every service's readiness after the restart, without restarting any service",
                "UP",
                "UP after " + Stats.seconds(recovered.toMillis() / 1000.0),
                true);
        for (Map.Entry<Service, String> probe : PROBES.entrySet()) {
            HttpResponse<String> answer = run.send(
                    run.client.viaGateway(MEMBER, "GET", probe.getValue()).GET().build());
            scenario.equal(probe.getKey().module() + ": a read after recovery", 200, answer.statusCode());
        }

        try {
            Await.until(
                    "a follow-up for every promise posted before the fault",
                    sizes.settle(),
                    () -> run.promises.followUpCounts(MEMBER, all).size() == total);
        } catch (Await.NotInTime e) {
            scenario.note(e.getMessage());
        }
        Map<String, Integer> counts = run.promises.followUpCounts(MEMBER, all);
        scenario.equal(
                "promises with exactly one follow-up reminder",
                (long) total,
                counts.values().stream().filter(n -> n == 1).count());
        scenario.equal(
                "the write refused during the outage left no follow-up",
                0,
                run.promises.followUpCounts(MEMBER, Set.of(refusedWrite)).size());
        scenario.equal("records added to the dead-letter topics", 0L, run.deadLettered() - deadLetteredBefore);
        scenario.equal(
                "digest of the follow-ups, against the control member's",
                run.promises.followUpDigest(CONTROL, all),
                run.promises.followUpDigest(MEMBER, all));
    }
}
