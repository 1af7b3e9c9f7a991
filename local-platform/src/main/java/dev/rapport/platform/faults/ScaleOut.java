package dev.rapport.platform.faults;

import dev.rapport.platform.LocalPlatform;
import dev.rapport.platform.PlatformOptions;
import dev.rapport.platform.PortCheck;
import dev.rapport.platform.Ports;
import dev.rapport.platform.RunningPlatform;
import dev.rapport.platform.Service;
import dev.rapport.platform.harness.Await;
import dev.rapport.platform.harness.HarnessRuns;
import dev.rapport.platform.harness.LinkedInCsv;
import dev.rapport.platform.harness.Load;
import dev.rapport.platform.harness.PlatformClient;
import dev.rapport.platform.harness.Stats;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Scenario 8: two instances of every service behind the one gateway ({@code ./rapport run --instances 2}). Under a
 * load of writes to every service (interactions with one promise each, manual reminders, content items, small
 * LinkedIn imports), retried by the clients with the same {@code Idempotency-Key} as a real client does, the second
 * instance of contacts-, reminders- and content-service is killed with SIGKILL while the broker is frozen (so that
 * the killed instances hold outboxes they were publishing). Checked exactly: every acknowledged write exists once
 * and its events are on the topics once per aggregate, nothing is dead-lettered, the survivors own every partition
 * within the consumer session timeout and publish the dead instances' outboxes within the relay's lease, the
 * keep-in-touch sweep (run by both instances) starts each staleness episode once; and the throughput of the same
 * posts with two instances and then with one.
 */
final class ScaleOut {

    static final int NUMBER = 8;

    private static final Logger log = LoggerFactory.getLogger(ScaleOut.class);

    static final String MEMBER = "faults-scale";
    static final String STALE = "faults-scale-stale";
    static final String IMPORTS = "faults-scale-imports";
    private static final int CLIENTS = 16;
    private static final int IMPORT_ROWS = 5;
    /** A member's imports run one at a time (409 meanwhile): imports rotate over this many members. */
    private static final int IMPORT_MEMBERS = 8;
    /** Contacts made stale on purpose, before the kill (two instances sweep) and after it (one). */
    private static final int STALE_CONTACTS = 12;

    private static final String INTERACTION_LOGGED = "rapport.contacts.InteractionLogged.v1";
    private static final String CONTACT_GONE_STALE = "rapport.contacts.ContactGoneStale.v1";
    private static final String REMINDER_CREATED = "rapport.reminders.ReminderCreated.v1";
    private static final String CONTENT_PLANNED = "rapport.content.ContentPlanned.v1";

    /** The instance killed: the second, so that the checks' direct reads (first instance) keep working. */
    private static final int VICTIM = 2;

    private static final List<Service> SERVICES = List.of(Service.CONTACTS, Service.REMINDERS, Service.CONTENT);

    /**
     * The consumer's {@code session.timeout.ms}: Kafka's default (45 s; neither the binder nor the platform sets it).
     * A member killed without leaving its group keeps its partitions until the broker has heard nothing from it
     * for that long; the survivors then take them in the rebalance that follows (their next heartbeat, 3 s).
     */
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(45);

    static final Duration TAKEOVER_BOUND = SESSION_TIMEOUT.plusSeconds(15);

    /**
     * {@code rapport.outbox.lease} (the default: twice {@code rapport.outbox.send-timeout}, 30 s) and
     * {@code rapport.outbox.sweep-interval} (5 s): an outbox a dead relay held is taken by another instance's sweep
     * once the lease has run out.
     */
    static final Duration OUTBOX_LEASE = Duration.ofSeconds(60);

    static final Duration OUTBOX_SWEEP = Duration.ofSeconds(5);

    static final Duration PUBLISH_BOUND = OUTBOX_LEASE.plus(OUTBOX_SWEEP.multipliedBy(2));

    /** How long one client retries one write (the Idempotency-Key's lease is 1 minute). */
    private static final Duration WRITE_BOUND = Duration.ofMinutes(3);

    private enum Kind {
        INTERACTION,
        REMINDER,
        CONTENT_ITEM,
        IMPORT;

        /** The mix of 10 writes: 7 interactions with a promise, 1 manual reminder, 1 content item, 1 import. */
        static Kind of(long seq) {
            return switch ((int) (seq % 10)) {
                case 7 -> REMINDER;
                case 8 -> CONTENT_ITEM;
                case 9 -> IMPORT;
                default -> INTERACTION;
            };
        }

        static long count(Kind kind, long writes) {
            long count = 0;
            for (long seq = 0; seq < writes; seq++) {
                if (of(seq) == kind) {
                    count++;
                }
            }
            return count;
        }
    }

    private final FaultScenarios suite;
    private final FaultOptions.Sizes sizes;

    /** Acknowledged writes by kind: their token (promise, title, import tag) and when the acknowledgement came. */
    private final Map<Kind, Map<String, Long>> acknowledged = new ConcurrentHashMap<>();

    /** The clients' retries, by what made them retry (a status, or no answer). */
    private final Map<String, AtomicLong> retries = new ConcurrentHashMap<>();

    private final AtomicLong gaveUp = new AtomicLong();
    private final AtomicLong longestRetried = new AtomicLong();

    ScaleOut(FaultScenarios suite) {
        this.suite = suite;
        this.sizes = suite.sizes;
        for (Kind kind : Kind.values()) {
            acknowledged.put(kind, new ConcurrentHashMap<>());
        }
    }

    String load() {
        return sizes.scaleWrites() + " writes through the gateway from " + CLIENTS + " clients (of every 10: 7"
                + " interactions with one promise each over " + sizes.contacts() + " contacts, 1 manual reminder, 1"
                + " content item, 1 LinkedIn import of " + IMPORT_ROWS + " people), each retried by its client with"
                + " the same Idempotency-Key (or the same file) until acknowledged; " + STALE_CONTACTS
                + " contacts made stale before and after the kill; " + sizes.scaleThroughput()
                + " interactions posted as fast as " + CLIENTS + " clients go with two instances and again with one";
    }

    String fault() {
        return "two instances of contacts-, reminders- and content-service behind the gateway (./rapport run"
                + " --instances 2); a quarter of the way through the load, the broker frozen (SIGSTOP) until every"
                + " service has outboxes waiting, then kill -9 of the second instance of each of the three services,"
                + " and the broker resumed";
    }

    void run(FaultReport.Scenario scenario) throws Exception {
        if (suite.platform.ports().instances() == 2) {
            new Run(suite, scenario).run();
            return;
        }
        // The suite's platform runs one instance of each service: this scenario starts one of its own with two.
        Path varDir = suite.options.varDir().resolve("scale-out");
        HarnessRuns.prepareVarDir(varDir, Faults.MARKER, "fault run", "./rapport faults", FaultException::new);
        int offset = freeOffset(suite.platform.ports().offset());
        PlatformOptions options = new PlatformOptions(
                        suite.options.repoRoot(), varDir, offset, true, PlatformOptions.DEFAULT_STARTUP_TIMEOUT)
                .withInstances(2);
        long startedAt = System.nanoTime();
        // Stopped whatever happens: at the end, on a failure, or by Ctrl-C also while it starts (the suite's hook
        // knows only its own platform).
        RunningPlatform platform = LocalPlatform.prepare(options);
        Thread hook = new Thread(platform::close, "faults-scale-out-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (platform) {
            platform.start();
            try (PlatformClient client = new PlatformClient(
                    platform.gatewayUrl(),
                    platform.tokenIssuer(),
                    platform.secrets().identitySecret())) {
                scenario.note("a platform of its own with two instances of each service (port offset " + offset + ", "
                        + varDir + "), ready after " + Stats.seconds((System.nanoTime() - startedAt) / 1e9)
                        + "; stopped after the scenario");
                new Run(new FaultScenarios(suite.options, platform, client, suite.report), scenario).run();
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook runs anyway.
            }
        }
    }

    /** The first offset above the suite's (steps of 10) where every port of a two-instance platform is free. */
    private static int freeOffset(int above) {
        for (int offset = above + 10; offset < 5_000; offset += 10) {
            if (new Ports(offset, 2).purposes().keySet().stream().allMatch(PortCheck::isFree)) {
                return offset;
            }
        }
        throw new FaultException("No port offset above " + above + " has every port of two instances free");
    }

    /** One run of the scenario against a platform with two instances of each service. */
    private final class Run {

        private final FaultScenarios run;
        private final FaultReport.Scenario scenario;

        Run(FaultScenarios run, FaultReport.Scenario scenario) {
            this.run = run;
            this.scenario = scenario;
        }

        void run() throws Exception {
            List<String> contacts = run.contacts(MEMBER, sizes.contacts());
            long deadLetteredBefore = run.deadLettered();
            Map<String, Topics.Assignment> before = new LinkedHashMap<>();
            Await.until("every consumer group with members of both instances", Duration.ofMinutes(2), () -> {
                before.clear();
                for (String group : groups()) {
                    Topics.Assignment assignment = run.topics.assignment(group);
                    if (assignment.members() < 2
                            || assignment.members() % 2 != 0
                            || assignment.assigned().isEmpty()) {
                        return false;
                    }
                    before.put(group, assignment);
                }
                return before.size() >= 3;
            });
            scenario.note("consumer groups before the kill: " + describe(before));

            // Staleness episodes that both instances' sweeps may start.
            Map<String, String> staleBefore = makeStale("before");

            // Throughput with two instances, after a warm-up of every process (the first requests also compile).
            int throughput = sizes.scaleThroughput();
            Load.Result warm = run.promises.post(
                    "scale-warm", CLIENTS, Duration.ofMinutes(10), MEMBER, contacts, "scale-warm", throughput / 2);
            Timed two = timed(() -> run.promises.post(
                    "scale-two", CLIENTS, Duration.ofMinutes(10), MEMBER, contacts, "scale-two", throughput));

            // The load, and the kill a quarter of the way through it.
            AtomicLong sent = new AtomicLong();
            AtomicReference<Kill> kill = new AtomicReference<>();
            Map<String, Duration> takeover = new ConcurrentHashMap<>();
            AtomicReference<Duration> published = new AtomicReference<>();
            Thread fault = Thread.ofVirtual().name("scale-out-fault").start(() -> {
                Kill done = killWhenDue(sent, sizes.scaleWrites() / 4);
                kill.set(done);
                if (done != null) {
                    // Measured while the load goes on: the survivors take the partitions and the outboxes over.
                    Thread outboxes = Thread.ofVirtual()
                            .name("scale-out-outboxes")
                            .start(() -> published.set(publishedAfter(done.at())));
                    takeover.putAll(tookOver(before, done.at()));
                    try {
                        outboxes.join(PUBLISH_BOUND.plusMinutes(3));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            Load.Result load = Load.run(
                    "scale-out",
                    CLIENTS,
                    Duration.ofMinutes(15),
                    Duration.ofMinutes(4),
                    sizes.scaleWrites(),
                    (c, seq) -> {
                        sent.incrementAndGet();
                        return write(seq, contacts);
                    });
            fault.join(Duration.ofMinutes(6));
            Kill killed = kill.get();
            if (killed == null || fault.isAlive()) {
                throw new FaultException("The instances were not killed, or the takeover not measured (see the log)");
            }
            scenario.note(killed.describe());
            long frozenInteractions = acknowledgedBetween(Kind.INTERACTION, killed.frozenAt(), killed.at());
            long frozenReminders = acknowledgedBetween(Kind.REMINDER, killed.frozenAt(), killed.at());
            long frozenItems = acknowledgedBetween(Kind.CONTENT_ITEM, killed.frozenAt(), killed.at());
            scenario.check(
                    "writes acknowledged while the broker was frozen, so their events waited in outboxes at the kill"
                            + " (some held by the killed instances' relays): interactions, reminders, content items",
                    "each ≥ 1",
                    frozenInteractions + ", " + frozenReminders + ", " + frozenItems,
                    frozenInteractions > 0 && frozenReminders > 0 && frozenItems > 0);
            Map<String, String> staleAfter = makeStale("after");

            // Throughput with one instance (the survivors), once they own every partition.
            Timed one = timed(() -> run.promises.post(
                    "scale-one", CLIENTS, Duration.ofMinutes(10), MEMBER, contacts, "scale-one", throughput));

            settle();

            // --- the checks
            long total = sizes.scaleWrites();
            scenario.equal("writes acknowledged (each retried until it was)", total, load.ok());
            scenario.equal(
                    "writes given up after " + WRITE_BOUND.toMinutes() + " minutes of retries", 0L, gaveUp.get());
            scenario.note("client retries: " + retriesDetail() + "; the longest write took "
                    + Stats.seconds(longestRetried.get() / 1e9) + " with its retries; writes: p50 "
                    + Stats.millis(load.percentileMillis(0.5)) + ", p99 " + Stats.millis(load.percentileMillis(0.99))
                    + ", slowest " + Stats.millis(load.percentileMillis(1.0)));
            for (String group : before.keySet()) {
                Duration took = takeover.get(group);
                scenario.check(
                        group + ": every partition owned by the survivors after the kill",
                        "within " + TAKEOVER_BOUND.toSeconds() + " s (session.timeout.ms " + SESSION_TIMEOUT.toSeconds()
                                + " s + a rebalance)",
                        took == null
                                ? "not within " + TAKEOVER_BOUND.plusSeconds(60).toSeconds() + " s"
                                : Stats.seconds(took.toMillis() / 1000.0) + " ("
                                        + describe(Map.of(group, run.topics.assignment(group))) + ")",
                        took != null && took.compareTo(TAKEOVER_BOUND) <= 0);
            }
            Duration publishedIn = published.get();
            scenario.check(
                    "events of every write acknowledged before the kill on their topics (the dead instances' outboxes"
                            + " taken over)",
                    "within " + PUBLISH_BOUND.toSeconds() + " s (rapport.outbox.lease " + OUTBOX_LEASE.toSeconds()
                            + " s + 2 sweeps of " + OUTBOX_SWEEP.toSeconds() + " s)",
                    publishedIn == null
                            ? "not within " + PUBLISH_BOUND.plusSeconds(60).toSeconds() + " s"
                            : Stats.seconds(publishedIn.toMillis() / 1000.0) + " after the kill",
                    publishedIn != null && publishedIn.compareTo(PUBLISH_BOUND) <= 0);
            checkInteractions(warm, two.result(), one.result());
            checkReminders();
            checkContentItems();
            checkImports();
            checkSweep("before the kill, two instances sweeping", staleBefore);
            checkSweep("after the kill, one instance sweeping", staleAfter);
            scenario.equal("records added to the dead-letter topics", 0L, run.deadLettered() - deadLetteredBefore);
            scenario.table(throughputTable(two, one));
            scenario.note("throughput: the same " + throughput + " interactions with one promise each, as fast as "
                    + CLIENTS + " clients go through the one gateway, after a warm-up of " + throughput / 2
                    + "; with two instances before the kill, with the survivors once they owned every partition (more"
                    + " data in the store by then: the embedded store scans a member's documents)");
        }

        // ------------------------------------------------------------------------------------------- the load

        private int write(long seq, List<String> contacts) throws Exception {
            Kind kind = Kind.of(seq);
            String token;
            HttpRequest request;
            switch (kind) {
                case INTERACTION -> {
                    token = Promises.promise("scale", seq);
                    request = run.promises.interaction(MEMBER, contacts.get((int) (seq % contacts.size())), token);
                }
                case REMINDER -> {
                    token = String.format(Locale.ROOT, "Scale reminder %06d.", seq);
                    request = PlatformClient.json(
                                    run.client.viaGateway(MEMBER, "POST", "/api/v1/reminders"),
                                    "POST",
                                    Map.of(
                                            "title",
                                            token,
                                            "dueOn",
                                            run.today.plusDays(14).toString()))
                            .build();
                }
                case CONTENT_ITEM -> {
                    token = String.format(Locale.ROOT, "Scale post %06d.", seq);
                    request = run.draftPost(MEMBER, token);
                }
                case IMPORT -> {
                    token = "scale" + seq;
                    request = run.client
                            .viaGateway(importMember(seq), "POST", "/api/v1/imports/linkedin")
                            .header("Content-Type", "text/csv")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(LinkedInCsv.generate(IMPORT_ROWS, token)))
                            .build();
                }
                default -> throw new IllegalStateException(kind.toString());
            }
            int status = sendUntilAcknowledged(request);
            if (status >= 200 && status < 300) {
                acknowledged.get(kind).put(token, System.nanoTime());
            }
            return status;
        }

        /**
         * What a real client does with a write that failed without a verdict (no answer, 502, 503, 504, or 409
         * while the same key's first request still holds it): sends the very same request again (the same
         * Idempotency-Key, or the same file), with a growing pause, until it is answered.
         */
        private int sendUntilAcknowledged(HttpRequest request) throws Exception {
            long start = System.nanoTime();
            long deadline = start + WRITE_BOUND.toNanos();
            for (int attempt = 1; ; attempt++) {
                String reason;
                try {
                    int status = run.client.status(request);
                    if (status != 409 && status != 429 && status != 502 && status != 503 && status != 504) {
                        if (attempt > 1) {
                            longestRetried.accumulateAndGet(System.nanoTime() - start, Math::max);
                        }
                        return status;
                    }
                    reason = String.valueOf(status);
                } catch (IOException e) {
                    reason = "no answer";
                }
                retries.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
                if (System.nanoTime() > deadline) {
                    gaveUp.incrementAndGet();
                    return 599;
                }
                long pause = Math.min(5_000L, 100L << Math.min(attempt, 6));
                Await.untilTime("the retry of a write", System.nanoTime() + pause * 1_000_000L);
            }
        }

        private String retriesDetail() {
            if (retries.isEmpty()) {
                return "none";
            }
            StringBuilder detail = new StringBuilder();
            new TreeMap<>(retries)
                    .forEach((reason, count) -> detail.append(detail.isEmpty() ? "" : ", ")
                            .append(count.get())
                            .append(" after ")
                            .append(reason));
            return detail.toString();
        }

        // ----------------------------------------------------------------------------------------- the fault

        /** What the fault did and when. */
        private record Kill(long frozenAt, long at, Map<Service, Long> pids, long sent) {
            String describe() {
                return "after " + sent + " of the writes sent: froze the broker (SIGSTOP) for "
                        + Stats.seconds((at - frozenAt) / 1e9)
                        + " while writes went on, killed (SIGKILL) the second instance of each service (pids " + pids
                        + "), resumed the broker (SIGCONT)";
            }
        }

        private Kill killWhenDue(AtomicLong sent, long due) {
            try {
                Await.until("a quarter of the writes sent", Duration.ofMinutes(5), () -> sent.get() >= due);
                long frozenAt = System.nanoTime();
                run.platform.controls().pauseKafka();
                Map<Service, Long> pids = new LinkedHashMap<>();
                long killedAt;
                try {
                    // Writes go on without the broker (the outbox); their relays wait for it, each holding the
                    // outboxes it took. A few writes of every service, then the kill: their events are waiting.
                    try {
                        Await.until(
                                "writes of every service acknowledged while the broker is frozen",
                                Duration.ofSeconds(20),
                                () -> acknowledgedBetween(Kind.INTERACTION, frozenAt, Long.MAX_VALUE) >= 10
                                        && acknowledgedBetween(Kind.REMINDER, frozenAt, Long.MAX_VALUE) >= 2
                                        && acknowledgedBetween(Kind.CONTENT_ITEM, frozenAt, Long.MAX_VALUE) >= 2);
                    } catch (Await.NotInTime e) {
                        scenario.note(e.getMessage());
                    }
                    for (Service service : SERVICES) {
                        pids.put(service, run.platform.controls().kill(service, VICTIM));
                    }
                    killedAt = System.nanoTime();
                } finally {
                    run.platform.controls().resumeKafka();
                }
                return new Kill(frozenAt, killedAt, pids, sent.get());
            } catch (Exception e) {
                log.error("The scale-out fault failed", e);
                scenario.error = "the fault failed: " + e;
                return null;
            }
        }

        /** How many writes of {@code kind} were acknowledged from {@code from} to before {@code to} (nano times). */
        private long acknowledgedBetween(Kind kind, long from, long to) {
            return acknowledged.get(kind).values().stream()
                    .filter(at -> at >= from && at < to)
                    .count();
        }

        private List<String> groups() throws Exception {
            return run.topics.consumerGroups().stream()
                    .filter(group -> group.endsWith("-service") || group.contains("-service-"))
                    .toList();
        }

        /**
         * For each group, how long after the kill it had only the survivors as members (half as many as before)
         * owning every partition it owned before; a group missing did not within the bound and a minute.
         */
        private Map<String, Duration> tookOver(Map<String, Topics.Assignment> before, long killedAt) {
            Map<String, Duration> took = new TreeMap<>();
            try {
                Await.until(
                        "every consumer group rebalanced onto the survivors",
                        remaining(TAKEOVER_BOUND.plusSeconds(60), killedAt),
                        Duration.ofMillis(500),
                        () -> {
                            for (Map.Entry<String, Topics.Assignment> group : before.entrySet()) {
                                if (took.containsKey(group.getKey())) {
                                    continue;
                                }
                                Topics.Assignment now = run.topics.assignment(group.getKey());
                                Set<TopicPartition> owned = group.getValue().assigned();
                                if (now.members() == group.getValue().members() / 2
                                        && now.assigned().containsAll(owned)) {
                                    took.put(group.getKey(), Duration.ofNanos(System.nanoTime() - killedAt));
                                }
                            }
                            return took.size() == before.size();
                        });
            } catch (Await.NotInTime e) {
                scenario.note(e.getMessage());
            }
            return took;
        }

        /** What is left of {@code bound} counted from {@code since} (at least a second). */
        private static Duration remaining(Duration bound, long since) {
            Duration left = bound.minusNanos(System.nanoTime() - since);
            return left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : left;
        }

        /**
         * How long after the kill every write acknowledged before it had its event on its topic (the outboxes the dead
         * instances held, published by the survivors once their lease ran out); null when not within the bound and a
         * minute.
         */
        private Duration publishedAfter(long killedAt) {
            Set<String> promises = acknowledgedBefore(Kind.INTERACTION, killedAt);
            Set<String> reminders = acknowledgedBefore(Kind.REMINDER, killedAt);
            Set<String> items = acknowledgedBefore(Kind.CONTENT_ITEM, killedAt);
            scenario.note("writes acknowledged before the kill: " + promises.size() + " interactions, "
                    + reminders.size() + " reminders, " + items.size() + " content items");
            try {
                Await.until(
                        "the events of the writes acknowledged before the kill",
                        remaining(PUBLISH_BOUND.plusSeconds(60), killedAt),
                        Duration.ofSeconds(2),
                        () -> published(Topics.CONTACTS, INTERACTION_LOGGED, promises)
                                && published(Topics.REMINDERS, REMINDER_CREATED, reminders)
                                && published(Topics.CONTENT, CONTENT_PLANNED, items));
                return Duration.ofNanos(System.nanoTime() - killedAt);
            } catch (Await.NotInTime e) {
                scenario.note(e.getMessage());
                return null;
            }
        }

        private Set<String> acknowledgedBefore(Kind kind, long at) {
            Set<String> tokens = new TreeSet<>();
            acknowledged.get(kind).forEach((token, when) -> {
                if (when < at) {
                    tokens.add(token);
                }
            });
            return tokens;
        }

        /** Whether every token shows in a record of {@code type} of the member on {@code topic}. */
        private boolean published(String topic, String type, Set<String> tokens) throws Exception {
            if (tokens.isEmpty()) {
                return true;
            }
            Set<String> missing = new HashSet<>(tokens);
            for (Topics.Event event : run.topics.read(topic, e -> MEMBER.equals(e.key()) && type.equals(e.type()))) {
                String value = new String(event.value(), java.nio.charset.StandardCharsets.UTF_8);
                missing.removeIf(value::contains);
                if (missing.isEmpty()) {
                    return true;
                }
            }
            return missing.isEmpty();
        }

        // ------------------------------------------------------------------------------------------ staleness

        /**
         * Makes {@link #STALE_CONTACTS} new contacts of {@link #STALE} lapse: each with an interaction 400 days ago,
         * so that the next keep-in-touch sweep (of any instance) starts their staleness episode. Answers their ids by
         * name.
         */
        private Map<String, String> makeStale(String batch) throws Exception {
            Map<String, String> ids = new TreeMap<>();
            for (int i = 0; i < STALE_CONTACTS; i++) {
                String name = String.format(Locale.ROOT, "Lapsed %s %02d", batch, i);
                HttpRequest contact = PlatformClient.json(
                                run.client.viaGateway(STALE, "POST", "/api/v1/contacts"),
                                "POST",
                                Map.of("firstName", name, "tier", "inner"))
                        .build();
                PlatformClient.Answer created = run.client.send(contact);
                int status = created.status();
                if (status < 200 || status >= 300) {
                    status = sendUntilAcknowledged(contact);
                    created = run.client.send(contact); // the key's kept answer, with the contact's id
                }
                if (!created.ok()) {
                    throw new FaultException("Could not add " + name + ": " + created.status() + " "
                            + PlatformClient.abbreviate(created.body()));
                }
                String id = created.json().path("id").asString();
                ids.put(id, name);
                Map<String, Object> interaction = new LinkedHashMap<>();
                interaction.put("contactIds", List.of(id));
                interaction.put("type", "call");
                interaction.put(
                        "occurredAt", Instant.now().minus(Duration.ofDays(400)).toString());
                interaction.put("summary", "Long ago");
                int logged = sendUntilAcknowledged(PlatformClient.json(
                                run.client.viaGateway(STALE, "POST", "/api/v1/interactions"), "POST", interaction)
                        .build());
                if (logged < 200 || logged >= 300) {
                    throw new FaultException("Could not log the old interaction with " + name + ": " + logged);
                }
            }
            return ids;
        }

        private void checkSweep(String when, Map<String, String> contacts) throws Exception {
            Map<String, Set<String>> eventsByEpisode = new TreeMap<>();
            try {
                // The sweep runs every minute on each instance (rapport.contacts.staleness.sweep-interval).
                Await.until(
                        "a staleness episode for every lapsed contact " + when,
                        Duration.ofMinutes(3),
                        Duration.ofSeconds(2),
                        () -> {
                            eventsByEpisode.clear();
                            eventsByEpisode.putAll(staleEvents(contacts.keySet()));
                            return eventsByEpisode.keySet().stream()
                                            .map(key -> key.substring(0, key.indexOf('#')))
                                            .distinct()
                                            .count()
                                    == contacts.size();
                        });
            } catch (Await.NotInTime e) {
                scenario.note(e.getMessage());
            }
            long episodes = eventsByEpisode.size();
            long once = eventsByEpisode.values().stream()
                    .filter(ids -> ids.size() == 1)
                    .count();
            scenario.equal(
                    "staleness episodes started " + when + " (" + contacts.size() + " lapsed contacts)",
                    (long) contacts.size(),
                    episodes);
            scenario.equal(
                    "of them, started by exactly one ContactGoneStale (distinct event ids per contact and"
                            + " episode) " + when,
                    episodes,
                    once);
        }

        /** The ContactGoneStale event ids of {@link #STALE} by contact and episode ("contactId#episode"). */
        private Map<String, Set<String>> staleEvents(Set<String> contactIds) throws Exception {
            Map<String, Set<String>> byEpisode = new TreeMap<>();
            for (Topics.Event event : run.topics.read(
                    Topics.CONTACTS, e -> STALE.equals(e.key()) && CONTACT_GONE_STALE.equals(e.type()))) {
                JsonNode data = PlatformClient.JSON.readTree(event.value());
                String contact = data.path("contactId").asString();
                if (contactIds.contains(contact)) {
                    byEpisode
                            .computeIfAbsent(
                                    contact + "#" + data.path("episode").asInt(), k -> new TreeSet<>())
                            .add(event.id());
                }
            }
            return byEpisode;
        }

        // ------------------------------------------------------------------------------------------ the checks

        /** Every consequence of the writes is in place: a follow-up per promise, consumers caught up. */
        private void settle() {
            Set<String> promises = allPromises();
            promises.addAll(Promises.all("scale-warm", sizes.scaleThroughput() / 2));
            promises.addAll(Promises.all("scale-two", sizes.scaleThroughput()));
            promises.addAll(Promises.all("scale-one", sizes.scaleThroughput()));
            try {
                Duration settled = Await.until(
                        "a follow-up for every acknowledged promise",
                        sizes.settle(),
                        Duration.ofSeconds(1),
                        () -> run.promises.followUpCounts(MEMBER, promises).size() == promises.size());
                scenario.note("every follow-up readable " + Stats.seconds(settled.toMillis() / 1000.0)
                        + " after the throughput with one instance");
            } catch (Await.NotInTime e) {
                scenario.note(e.getMessage());
            }
        }

        private Set<String> allPromises() {
            Set<String> promises =
                    new TreeSet<>(acknowledged.get(Kind.INTERACTION).keySet());
            return promises;
        }

        private void checkInteractions(Load.Result warm, Load.Result two, Load.Result one) throws Exception {
            Set<String> promises = allPromises();
            int throughput = sizes.scaleThroughput();
            scenario.equal(
                    "throughput posts accepted: the warm-up, two instances, then one",
                    throughput / 2 + ", " + throughput + " and " + throughput,
                    warm.ok() + ", " + two.ok() + " and " + one.ok());
            promises.addAll(Promises.all("scale-warm", throughput / 2));
            promises.addAll(Promises.all("scale-two", throughput));
            promises.addAll(Promises.all("scale-one", throughput));
            // Interactions: one InteractionLogged (one interaction id) per promise.
            Map<String, Set<String>> interactionsByPromise = new HashMap<>();
            Set<String> eventIds = new HashSet<>();
            for (Topics.Event event : run.topics.read(
                    Topics.CONTACTS, e -> MEMBER.equals(e.key()) && INTERACTION_LOGGED.equals(e.type()))) {
                JsonNode data = PlatformClient.JSON.readTree(event.value());
                eventIds.add(event.id());
                for (JsonNode promise : data.path("promises")) {
                    interactionsByPromise
                            .computeIfAbsent(promise.path("what").asString(), k -> new HashSet<>())
                            .add(data.path("interactionId").asString());
                }
            }
            scenario.equal(
                    "interactions of the load acknowledged (each retried until it was)",
                    Kind.count(Kind.INTERACTION, sizes.scaleWrites()),
                    (long) acknowledged.get(Kind.INTERACTION).size());
            scenario.equal(
                    "acknowledged promises with exactly one interaction (InteractionLogged by interaction id)",
                    (long) promises.size(),
                    promises.stream()
                            .filter(p -> interactionsByPromise
                                            .getOrDefault(p, Set.of())
                                            .size()
                                    == 1)
                            .count());
            scenario.equal(
                    "promises logged in more than one interaction (a write done twice)",
                    0L,
                    interactionsByPromise.values().stream()
                            .filter(ids -> ids.size() > 1)
                            .count());
            scenario.equal(
                    "InteractionLogged events on " + Topics.CONTACTS + " (distinct ids)", (long) promises.size(), (long)
                            eventIds.size());
            Map<String, Integer> followUps = run.promises.followUpCounts(MEMBER, promises);
            scenario.equal(
                    "acknowledged promises with exactly one follow-up reminder",
                    (long) promises.size(),
                    followUps.values().stream().filter(n -> n == 1).count());
            scenario.equal(
                    "promises with more than one follow-up reminder",
                    0L,
                    followUps.values().stream().filter(n -> n > 1).count());
        }

        private void checkReminders() throws Exception {
            Set<String> titles = acknowledged.get(Kind.REMINDER).keySet();
            Map<String, Set<String>> idsByTitle = new HashMap<>();
            for (Topics.Event event : run.topics.read(
                    Topics.REMINDERS, e -> MEMBER.equals(e.key()) && REMINDER_CREATED.equals(e.type()))) {
                JsonNode data = PlatformClient.JSON.readTree(event.value());
                String title = data.path("title").asString("");
                if (title.startsWith("Scale reminder ")) {
                    idsByTitle
                            .computeIfAbsent(title, k -> new HashSet<>())
                            .add(data.path("reminderId").asString());
                }
            }
            scenario.equal("manual reminders acknowledged", Kind.count(Kind.REMINDER, sizes.scaleWrites()), (long)
                    titles.size());
            scenario.equal(
                    "acknowledged manual reminders with exactly one ReminderCreated (by reminder id)",
                    (long) titles.size(),
                    titles.stream()
                            .filter(t -> idsByTitle.getOrDefault(t, Set.of()).size() == 1)
                            .count());
            scenario.equal(
                    "manual reminders created more than once",
                    0L,
                    idsByTitle.values().stream().filter(ids -> ids.size() > 1).count());
        }

        private void checkContentItems() throws Exception {
            Set<String> titles = acknowledged.get(Kind.CONTENT_ITEM).keySet();
            Map<String, Set<String>> idsByTitle = new HashMap<>();
            for (Topics.Event event :
                    run.topics.read(Topics.CONTENT, e -> MEMBER.equals(e.key()) && CONTENT_PLANNED.equals(e.type()))) {
                JsonNode data = PlatformClient.JSON.readTree(event.value());
                idsByTitle
                        .computeIfAbsent(data.path("title").asString(""), k -> new HashSet<>())
                        .add(data.path("itemId").asString());
            }
            scenario.equal("content items acknowledged", Kind.count(Kind.CONTENT_ITEM, sizes.scaleWrites()), (long)
                    titles.size());
            scenario.equal(
                    "acknowledged content items with exactly one ContentPlanned (by item id)",
                    (long) titles.size(),
                    titles.stream()
                            .filter(t -> idsByTitle.getOrDefault(t, Set.of()).size() == 1)
                            .count());
            scenario.equal(
                    "content items created more than once",
                    0L,
                    idsByTitle.values().stream().filter(ids -> ids.size() > 1).count());
        }

        private void checkImports() throws Exception {
            long imports = acknowledged.get(Kind.IMPORT).size();
            scenario.equal("imports acknowledged", Kind.count(Kind.IMPORT, sizes.scaleWrites()), imports);
            long contacts = 0;
            for (int i = 0; i < IMPORT_MEMBERS; i++) {
                contacts += run.client
                        .expectOk(
                                run.client
                                        .viaGateway(IMPORTS + "-" + i, "GET", "/api/v1/contacts?limit=1")
                                        .GET()
                                        .build(),
                                "count the contacts")
                        .json()
                        .path("total")
                        .asLong(-1);
            }
            scenario.equal("contacts of the import members (every imported row once)", imports * IMPORT_ROWS, contacts);
        }

        private String describe(Map<String, Topics.Assignment> groups) {
            List<String> parts = new ArrayList<>();
            groups.forEach((group, assignment) -> parts.add(group + ": " + assignment.members() + " members, "
                    + assignment.assigned().size() + " partitions " + assignment.partitionsPerMember()));
            return String.join("; ", parts);
        }
    }

    private static String importMember(long seq) {
        return IMPORTS + "-" + (seq / 10 % IMPORT_MEMBERS);
    }

    /** A load with its wall-clock time (a load of a fixed count reports its bound as its duration). */
    private record Timed(Load.Result result, double seconds) {}

    @FunctionalInterface
    private interface LoadCall {
        Load.Result run() throws Exception;
    }

    private static Timed timed(LoadCall load) throws Exception {
        long start = System.nanoTime();
        Load.Result result = load.run();
        return new Timed(result, (System.nanoTime() - start) / 1e9);
    }

    private static String throughputTable(Timed two, Timed one) {
        StringBuilder table = new StringBuilder(
                "| instances of each service | interactions | clients | seconds | accepted/s | p50 | p99 | slowest |\n"
                        + "| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (Map.Entry<String, Timed> row :
                List.of(Map.entry("2 (before the kill)", two), Map.entry("1 (the survivors, after it)", one))) {
            Load.Result result = row.getValue().result();
            double seconds = row.getValue().seconds();
            table.append("| ")
                    .append(row.getKey())
                    .append(" | ")
                    .append(result.ok())
                    .append(" | ")
                    .append(result.clients())
                    .append(" | ")
                    .append(String.format(Locale.ROOT, "%.1f", seconds))
                    .append(" | ")
                    .append(Stats.rate(result.ok() / seconds))
                    .append(" | ")
                    .append(Stats.millis(result.percentileMillis(0.5)))
                    .append(" | ")
                    .append(Stats.millis(result.percentileMillis(0.99)))
                    .append(" | ")
                    .append(Stats.millis(result.percentileMillis(1.0)))
                    .append(" |\n");
        }
        return table.toString();
    }
}
