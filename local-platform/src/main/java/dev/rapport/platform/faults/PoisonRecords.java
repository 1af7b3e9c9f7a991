package dev.rapport.platform.faults;

import dev.rapport.platform.Service;
import dev.rapport.platform.harness.Await;
import dev.rapport.platform.harness.PlatformClient;
import dev.rapport.platform.harness.Stats;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Scenario 5: on every topic, two poison records keyed by a member (so on that member's partition): one that is
 * not a CloudEvent at all, one with valid CloudEvent headers and unreadable data. The first lands in the dead-letter
 * topic of every service that consumes the topic; the second in that of every service that acts on its type, while
 * a service that does not act on it drops it unread (by its {@code ce_type}: it never reads the data of such a type)
 * and counts it as not acted on. The member's next good record on that partition (made through the API) is
 * processed by every consumer group within 5 s.
 */
final class PoisonRecords {

    static final String MEMBER = "faults-poison";
    private static final String MARKER = "faults-poison-marker";
    private static final Duration GOOD_BOUND = Duration.ofSeconds(5);
    /** A type each topic really carries, for the record whose headers are valid. */
    private static final Map<String, String> TYPES = Map.of(
            Topics.CONTACTS, "rapport.contacts.InteractionLogged.v1",
            Topics.CONTENT, "rapport.content.ContentPublished.v1",
            Topics.REMINDERS, "rapport.reminders.ReminderCreated.v1");

    private final FaultScenarios run;

    PoisonRecords(FaultScenarios run) {
        this.run = run;
    }

    String load() {
        return "2 poison records on each of " + Topics.CONTACTS + ", " + Topics.CONTENT + " and " + Topics.REMINDERS
                + ", then one interaction with a promise and one published content item through the gateway";
    }

    void run(FaultReport.Scenario scenario) throws Exception {
        List<String> contacts = run.contacts(MEMBER, 3);
        Map<String, Long> deadBefore = new LinkedHashMap<>();
        for (String topic : Topics.DEAD_LETTER_TOPICS) {
            deadBefore.put(topic, run.topics.size(topic));
        }
        Map<String, Long> ignoredBefore = ignored();
        // The content item first: its publication is the good record on content.events.
        String itemId;
        PlatformClient.Answer item =
                run.client.expectOk(run.draftPost(MEMBER, "Fault suite post"), "create a content item");
        itemId = item.json().path("id").asString();

        Map<String, Integer> partitions = new LinkedHashMap<>();
        for (String topic : List.of(Topics.CONTACTS, Topics.CONTENT, Topics.REMINDERS)) {
            RecordMetadata notCloudEvent = run.topics.write(
                    topic,
                    MEMBER,
                    Map.of(),
                    ("\u0000\u00ff not a CloudEvent " + MARKER + " " + topic).getBytes(StandardCharsets.UTF_8));
            String id = UUID.randomUUID().toString();
            RecordMetadata unreadable = run.topics.write(
                    topic,
                    MEMBER,
                    Map.of(
                            "ce_specversion",
                            "1.0",
                            "ce_id",
                            id,
                            "ce_type",
                            TYPES.get(topic),
                            "ce_source",
                            "/faults",
                            "ce_time",
                            Instant.now().toString(),
                            "ce_subject",
                            MEMBER,
                            "contentType",
                            "application/json"),
                    ("{\"eventId\":\"" + id + "\",\"memberId\":\"" + MEMBER + "\",\"" + MARKER + "\":[")
                            .getBytes(StandardCharsets.UTF_8));
            if (notCloudEvent.partition() != unreadable.partition()) {
                throw new FaultException("The two poison records of " + topic + " went to different partitions");
            }
            partitions.put(topic, unreadable.partition());
        }

        // The good records: an interaction (contacts.events, then the reminder's ReminderCreated on
        // reminders.events) and the item's publication (content.events), all keyed by the member.
        long goodSent = System.nanoTime();
        String promise = Promises.promise("poison", 0);
        int interaction = run.client.status(run.promises.interaction(MEMBER, contacts.getFirst(), promise));
        scenario.equal("the interaction after the poison is accepted", 201, interaction);
        int published = run.client.status(PlatformClient.json(
                        run.client.viaGateway(MEMBER, "POST", "/api/v1/content/items/" + itemId + "/publish"),
                        "POST",
                        Map.of())
                .build());
        scenario.check("the publication after the poison is accepted", "2xx", published, published / 100 == 2);

        for (String topic : List.of(Topics.CONTACTS, Topics.CONTENT, Topics.REMINDERS)) {
            TopicPartition partition = new TopicPartition(topic, partitions.get(topic));
            Await.until(
                    "the good record on " + topic,
                    Duration.ofSeconds(30),
                    () -> !run.topics
                            .read(
                                    topic,
                                    e -> MEMBER.equals(e.key())
                                            && TYPES.get(topic).equals(e.type())
                                            && !new String(e.value(), StandardCharsets.UTF_8).contains(MARKER))
                            .isEmpty());
            List<Topics.Event> good = run.topics.read(
                    topic,
                    e -> MEMBER.equals(e.key())
                            && TYPES.get(topic).equals(e.type())
                            && !new String(e.value(), StandardCharsets.UTF_8).contains(MARKER));
            long target = good.getLast().offset();
            for (String group : Topics.CONSUMERS.get(topic)) {
                Duration waited;
                String observed;
                boolean inTime;
                try {
                    Await.until(
                            group + " past the good record on " + partition,
                            Duration.ofSeconds(60),
                            () -> run.topics.committed(group, topic).getOrDefault(partition, 0L) > target);
                    waited = Duration.ofNanos(System.nanoTime() - goodSent);
                    observed = Stats.seconds(waited.toMillis() / 1000.0) + " after it was made";
                    inTime = waited.compareTo(GOOD_BOUND) <= 0;
                } catch (Await.NotInTime e) {
                    observed = "not within 60 s";
                    inTime = false;
                }
                scenario.check(
                        group + " processes the next good record on " + topic,
                        "within " + GOOD_BOUND.toSeconds() + " s",
                        observed,
                        inTime);
            }
        }

        // Every group is past the good records: what each inbox dropped unread is counted by now.
        Map<String, Long> ignoredAfter = ignored();
        long expected = 0;
        for (String topic : List.of(Topics.CONTACTS, Topics.CONTENT, Topics.REMINDERS)) {
            for (String group : Topics.CONSUMERS.get(topic)) {
                String key = group + " " + TYPES.get(topic);
                // A service that does not act on the type counted the unreadable record and the good one after it.
                boolean ignores = ignoredAfter.get(key) - ignoredBefore.get(key) > 0;
                long dead = ignores ? 1 : 2;
                expected += dead;
                String dlq = group + ".dlq";
                long[] poisoned = new long[1];
                try {
                    Await.until("the poison records of " + topic + " in " + dlq, Duration.ofSeconds(60), () -> {
                        poisoned[0] =
                                run.topics.read(dlq, e -> isPoisonOf(e, topic)).size();
                        return poisoned[0] >= dead;
                    });
                } catch (Await.NotInTime e) {
                    // Checked below with the count seen.
                }
                scenario.equal(
                        "poison records of " + topic + " in " + dlq
                                + (ignores
                                        ? " (the unreadable " + TYPES.get(topic) + " dropped unread: " + group
                                                + " does not act on that type)"
                                        : ""),
                        dead,
                        poisoned[0]);
            }
        }
        long deadTotal = 0;
        for (String topic : Topics.DEAD_LETTER_TOPICS) {
            deadTotal += run.topics.size(topic) - deadBefore.get(topic);
        }
        scenario.equal("records added to the dead-letter topics in all (nothing good among them)", expected, deadTotal);
        Await.until(
                "the follow-up of the promise made after the poison",
                Duration.ofSeconds(30),
                () -> run.promises
                                .followUpCounts(MEMBER, java.util.Set.of(promise))
                                .size()
                        == 1);
        scenario.equal(
                "follow-ups of the promise made after the poison",
                1,
                run.promises.followUpCounts(MEMBER, java.util.Set.of(promise)).getOrDefault(promise, 0));
    }

    /**
     * For each inbox consumer group and the type of the valid-looking poison record of each topic it consumes, how many
     * records of that type the group's service has counted as not acted on so far ({@code "<group> <type>"}).
     */
    private Map<String, Long> ignored() throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Service service : Service.values()) {
            String metrics = null; // read once per service, only for one that consumes a topic
            for (String topic : List.of(Topics.CONTACTS, Topics.CONTENT, Topics.REMINDERS)) {
                if (Topics.CONSUMERS.get(topic).contains(service.module())) {
                    metrics = metrics != null ? metrics : InboxMetrics.prometheus(run, service);
                    counts.put(
                            service.module() + " " + TYPES.get(topic),
                            InboxMetrics.consumedOf(metrics, "not-acted-on", TYPES.get(topic)));
                }
            }
        }
        return counts;
    }

    /** A poison record written to {@code topic} by this scenario (as the dead-letter topic keeps it). */
    private static boolean isPoisonOf(Topics.Event event, String topic) {
        String value = new String(event.value(), StandardCharsets.UTF_8);
        if (!value.contains(MARKER)) {
            return false;
        }
        return event.type() == null
                ? value.contains(MARKER + " " + topic)
                : TYPES.get(topic).equals(event.type());
    }
}
