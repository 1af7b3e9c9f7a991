package dev.rapport.platform.faults;

import dev.rapport.platform.Service;
import dev.rapport.platform.harness.Await;
import dev.rapport.platform.harness.Load;
import dev.rapport.platform.harness.PlatformClient;
import dev.rapport.platform.harness.Stats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import tools.jackson.databind.JsonNode;

/**
 * Scenario 4: after a load that puts events on every topic (an import, interactions with promises, milestones,
 * published content, completed reminders), the consuming services are stopped, every consumer group is rewound to
 * offset 0, and the services are started again and consume every record a second time. The state of every service is
 * unchanged (the member's export, the follow-ups, the contacts as listed), no event is published again, nothing is
 * processed anew (each service's inbox skips every record of a type it acts on as a duplicate, and every other one
 * before any store operation) and nothing is dead-lettered.
 */
final class Replay {

    static final String MEMBER = "faults-replay";
    private static final int CLIENTS = 8;
    private static final List<Service> CONSUMERS = List.of(Service.CONTACTS, Service.CONTENT, Service.REMINDERS);
    private static final List<String> EVENT_TOPICS = List.of(Topics.CONTACTS, Topics.CONTENT, Topics.REMINDERS);

    private final FaultScenarios run;
    private final FaultOptions.Sizes sizes;

    Replay(FaultScenarios run) {
        this.run = run;
        this.sizes = run.sizes;
    }

    String load() {
        return "every record on every topic so far (the earlier scenarios' too), among them one member's import of "
                + sizes.contacts() + " contacts, " + sizes.replayInteractions()
                + " interactions with one promise each (" + CLIENTS + " clients through the gateway), "
                + milestones() + " milestones, " + items() + " published content items and " + completions()
                + " completed follow-ups";
    }

    private int milestones() {
        return Math.max(2, sizes.replayInteractions() / 50);
    }

    private int items() {
        return Math.max(2, sizes.replayInteractions() / 200);
    }

    private int completions() {
        return Math.max(2, sizes.replayInteractions() / 20);
    }

    void run(FaultReport.Scenario scenario) throws Exception {
        int total = sizes.replayInteractions();
        List<String> contacts = run.contacts(MEMBER, sizes.contacts());
        long deadLetteredBefore = run.deadLettered();
        Set<String> all = Promises.all("replay", total);
        Load.Result posted =
                run.promises.post("replay-load", CLIENTS, Duration.ofMinutes(15), MEMBER, contacts, "replay", total);
        scenario.equal("interactions accepted", (long) total, posted.ok());
        int milestonesRecorded = 0;
        for (int i = 0; i < milestones(); i++) {
            String contact = contacts.get(i % contacts.size());
            milestonesRecorded += run.client.status(PlatformClient.json(
                                            run.client.viaGateway(
                                                    MEMBER, "POST", "/api/v1/contacts/" + contact + "/milestones"),
                                            "POST",
                                            Map.of(
                                                    "kind",
                                                    "promotion",
                                                    "title",
                                                    "Fault suite promotion " + i,
                                                    "date",
                                                    run.today.minusDays(1).toString()))
                                    .build())
                            == 201
                    ? 1
                    : 0;
        }
        scenario.equal("milestones recorded", (long) milestones(), (long) milestonesRecorded);
        int published = 0;
        for (int i = 0; i < items(); i++) {
            String itemId = run.client
                    .expectOk(run.draftPost(MEMBER, "Fault suite replay post " + i), "create a content item")
                    .json()
                    .path("id")
                    .asString();
            int status = run.client.status(PlatformClient.json(
                            run.client.viaGateway(MEMBER, "POST", "/api/v1/content/items/" + itemId + "/publish"),
                            "POST",
                            Map.of())
                    .build());
            published += status / 100 == 2 ? 1 : 0;
        }
        scenario.equal("content items published", (long) items(), (long) published);
        Await.until(
                "a follow-up for each of the " + total + " promises",
                sizes.settle(),
                () -> run.promises.followUpCounts(MEMBER, all).size() == total);
        int completed = 0;
        List<JsonNode> followUps = run.promises.followUps(MEMBER);
        for (JsonNode reminder : followUps.subList(0, Math.min(completions(), followUps.size()))) {
            completed += run.client.status(PlatformClient.json(
                                                    run.client.viaGateway(
                                                            MEMBER,
                                                            "POST",
                                                            "/api/v1/reminders/"
                                                                    + reminder.path("id")
                                                                            .asString() + "/complete"),
                                                    "POST",
                                                    Map.of())
                                            .build())
                                    / 100
                            == 2
                    ? 1
                    : 0;
        }
        scenario.equal("follow-ups completed", (long) completions(), (long) completed);

        Set<String> groups = run.topics.consumerGroups();
        Duration quiet = awaitQuiet(groups);
        scenario.note("consumer groups: " + groups + "; every group caught up and no topic grew for 5 s, "
                + Stats.seconds(quiet.toMillis() / 1000.0) + " after the last write");
        MemberState before = MemberState.read(run, MEMBER, EVENT_TOPICS, all);

        // The fault: the consumers leave their groups (a graceful stop), every group goes back to offset 0.
        long stopStart = System.nanoTime();
        parallel(CONSUMERS, run.platform.controls()::stop);
        for (String group : groups) {
            Await.until(
                    "consumer group " + group + " empty", Duration.ofMinutes(2), () -> run.topics.members(group) == 0);
        }
        Map<String, Long> toReplay = new TreeMap<>();
        Map<String, Map<TopicPartition, Long>> rewound = new TreeMap<>();
        for (String group : groups) {
            Map<TopicPartition, Long> partitions = run.topics.rewind(group);
            rewound.put(group, partitions);
            toReplay.put(
                    group,
                    partitions.values().stream().mapToLong(Long::longValue).sum());
        }
        Map<String, Long> lagAfterRewind = new TreeMap<>();
        for (String group : groups) {
            lagAfterRewind.put(group, lag(group, rewound.get(group)));
        }
        scenario.equal("every group's lag after the rewind (records of its topics)", toReplay, lagAfterRewind);
        parallel(CONSUMERS, run.platform.controls()::restart);
        scenario.note("stopped contacts-, content- and reminders-service, rewound " + groups.size()
                + " groups, started the services again in "
                + Stats.seconds((System.nanoTime() - stopStart) / 1e9) + "; records to consume again per group: "
                + toReplay);
        long replayStart = System.nanoTime();
        Await.until(
                "every group consuming its topics again to the end",
                sizes.settle(),
                () -> groups.stream().allMatch(group -> lagUnchecked(group, rewound.get(group)) == 0));
        double replaySeconds = (System.nanoTime() - replayStart) / 1e9;
        long records = toReplay.values().stream().mapToLong(Long::longValue).sum();
        scenario.note("every group back at the end " + Stats.seconds(replaySeconds) + " after the restart ("
                + Stats.rate(records / Math.max(replaySeconds, 0.001)) + " records in all)");

        Map<String, Long> recordsByTopic = new TreeMap<>();
        for (String topic : EVENT_TOPICS) {
            recordsByTopic.put(topic, (long) run.topics.read(topic, e -> true).size());
        }
        for (Service service : CONSUMERS) {
            Map<String, Long> outcomes = InboxMetrics.consumed(run, service);
            long expected = 0;
            for (String topic : Topics.CONSUMERS.keySet()) {
                if (Topics.CONSUMERS.get(topic).contains(service.module())) {
                    expected += recordsByTopic.get(topic);
                }
            }
            long duplicates = outcomes.getOrDefault("duplicate", 0L);
            long notActedOn = outcomes.getOrDefault("not-acted-on", 0L);
            // Which types a service acts on is its inbox's routes (unit-tested with each service); here every record
            // must be skipped one way or the other.
            scenario.equal(
                    service.module() + ": records its inbox skipped (" + duplicates + " as already processed, "
                            + notActedOn + " of types it does not act on, before any store operation)",
                    expected,
                    duplicates + notActedOn);
            scenario.equal(service.module() + ": records processed anew", 0L, outcomes.getOrDefault("processed", 0L));
        }
        MemberState after = MemberState.read(run, MEMBER, EVENT_TOPICS, all);
        scenario.equal(
                "records on the event topics (nothing published again)", before.topicSizes(), after.topicSizes());
        scenario.equal("the member's events on each topic", before.memberEvents(), after.memberEvents());
        scenario.equal("digest of the member's follow-ups", before.followUps(), after.followUps());
        scenario.equal(
                "digest of the member's contacts as listed (clocks, tiers, status)",
                before.contacts(),
                after.contacts());
        scenario.equal("the member's export (GET /api/v1/me/export)", before.export(), after.export());
        scenario.equal("records added to the dead-letter topics", 0L, run.deadLettered() - deadLetteredBefore);
    }

    /** Waits until every group has consumed its topics to the end and no topic has grown for 5 s (sweeps, relays). */
    private Duration awaitQuiet(Set<String> groups) {
        Map<String, Object> last = new ConcurrentHashMap<>();
        return Await.until("every consumer group at the end and the topics quiet", sizes.settle(), () -> {
            List<Long> now = new ArrayList<>();
            for (String topic : EVENT_TOPICS) {
                now.add(run.topics.size(topic));
            }
            for (String group : groups) {
                for (String topic : run.topics.topicsOf(group)) {
                    if (run.topics.lag(group, topic) > 0) {
                        last.remove("since");
                        return false;
                    }
                }
            }
            if (!now.equals(last.get("sizes"))) {
                last.put("sizes", now);
                last.put("since", System.nanoTime());
                return false;
            }
            long since = (Long) last.getOrDefault("since", System.nanoTime());
            last.putIfAbsent("since", since);
            return System.nanoTime() - since >= Duration.ofSeconds(5).toNanos();
        });
    }

    /** The group's records left to consume on {@code partitions} (the end offsets of now minus the committed ones). */
    private long lag(String group, Map<TopicPartition, Long> partitions) throws Exception {
        long lag = 0;
        for (String topic : partitions.keySet().stream()
                .map(TopicPartition::topic)
                .distinct()
                .toList()) {
            lag += run.topics.lag(group, topic);
        }
        return lag;
    }

    private long lagUnchecked(String group, Map<TopicPartition, Long> partitions) {
        try {
            return lag(group, partitions);
        } catch (Exception e) {
            throw new FaultException("Cannot read the lag of " + group + ": " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface ServiceAction {
        long apply(Service service);
    }

    /** Stops or starts the services together: on two cores, overlapping their start-ups is quicker. */
    private static void parallel(List<Service> services, ServiceAction action) throws Exception {
        List<Thread> threads = new ArrayList<>();
        Map<Service, RuntimeException> failures = new ConcurrentHashMap<>();
        for (Service service : services) {
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    action.apply(service);
                } catch (RuntimeException e) {
                    failures.put(service, e);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw failures.values().iterator().next();
        }
    }
}
