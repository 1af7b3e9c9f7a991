package dev.rapport.platform.bench;

import dev.rapport.platform.harness.Await;
import dev.rapport.platform.harness.KafkaReaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * Watches {@code contacts.events} for the whole run: counts the {@code ContactAdded} events per member
 * (the record key) as they are published, and measures the lag of every consumer group on the topic.
 */
final class EventWatcher implements AutoCloseable {

    static final String TOPIC = "contacts.events";
    static final String CONTACT_ADDED = "rapport.contacts.ContactAdded.v1";

    private final Admin admin;
    private final Map<String, AtomicLong> addedByMember = new ConcurrentHashMap<>();
    private final AtomicLong addedTotal = new AtomicLong();
    private final AtomicReference<String> failure = new AtomicReference<>();
    private final Thread reader;
    private volatile boolean stopping;

    /** How long the reader waits for the topic to exist: longer than any benchmark run. */
    private static final Duration TOPIC_BOUND = Duration.ofHours(2);

    EventWatcher(String bootstrap) {
        Properties adminProperties = new Properties();
        adminProperties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        adminProperties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        adminProperties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        admin = Admin.create(adminProperties);
        reader = Thread.ofPlatform().daemon().name("bench-event-watcher").start(() -> read(bootstrap));
    }

    private void read(String bootstrap) {
        Properties properties = KafkaReaders.properties(bootstrap);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties)) {
            // The topic appears with the services' first use of it.
            AtomicReference<List<TopicPartition>> partitions = new AtomicReference<>(List.of());
            Await.until("the topic " + TOPIC, TOPIC_BOUND, () -> {
                List<PartitionInfo> infos =
                        consumer.listTopics(Duration.ofSeconds(5)).get(TOPIC);
                if (infos != null && !infos.isEmpty()) {
                    partitions.set(infos.stream()
                            .map(info -> new TopicPartition(TOPIC, info.partition()))
                            .toList());
                }
                return stopping || !partitions.get().isEmpty();
            });
            consumer.assign(partitions.get());
            consumer.seekToBeginning(partitions.get());
            while (!stopping) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    Header type = record.headers().lastHeader("ce_type");
                    if (type != null && CONTACT_ADDED.equals(new String(type.value(), StandardCharsets.UTF_8))) {
                        addedTotal.incrementAndGet();
                        if (record.key() != null) {
                            addedByMember
                                    .computeIfAbsent(record.key(), k -> new AtomicLong())
                                    .incrementAndGet();
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            if (!stopping) {
                failure.set(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
    }

    long contactAdded(String member) {
        AtomicLong count = addedByMember.get(member);
        return count == null ? 0 : count.get();
    }

    long contactAddedTotal() {
        return addedTotal.get();
    }

    /** The committed offsets on the topic of every consumer group that has any. */
    private Map<String, Map<TopicPartition, Long>> committed() throws Exception {
        Set<String> groups = admin.listConsumerGroups().all().get(15, TimeUnit.SECONDS).stream()
                .map(ConsumerGroupListing::groupId)
                .collect(Collectors.toSet());
        Map<String, Map<TopicPartition, Long>> committed = new HashMap<>();
        for (String group : groups) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(15, TimeUnit.SECONDS);
            Map<TopicPartition, Long> onTopic = new HashMap<>();
            offsets.forEach((partition, offset) -> {
                if (partition.topic().equals(TOPIC) && offset != null) {
                    onTopic.put(partition, offset.offset());
                }
            });
            if (!onTopic.isEmpty()) {
                committed.put(group, onTopic);
            }
        }
        return committed;
    }

    /** The end offset of every partition of the topic. */
    private Map<TopicPartition, Long> endOffsets() throws Exception {
        var description = admin.describeTopics(List.of(TOPIC)).allTopicNames().get(15, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        description
                .get(TOPIC)
                .partitions()
                .forEach(p -> latest.put(new TopicPartition(TOPIC, p.partition()), OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                admin.listOffsets(latest).all().get(15, TimeUnit.SECONDS);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        ends.forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    /** The lag of every consumer group on the topic, summed over its partitions. */
    Map<String, Long> lags() throws Exception {
        return lagsBehind(endOffsets());
    }

    private Map<String, Long> lagsBehind(Map<TopicPartition, Long> target) throws Exception {
        Map<String, Long> lags = new TreeMap<>();
        committed()
                .forEach((group, offsets) -> lags.put(
                        group,
                        target.entrySet().stream()
                                .mapToLong(e -> Math.max(0, e.getValue() - offsets.getOrDefault(e.getKey(), 0L)))
                                .sum()));
        return lags;
    }

    /**
     * Waits until {@code published} holds (every expected event is on the topic) and then until every
     * consumer group has consumed the topic up to where it ended at that moment; answers the time waited,
     * or throws saying what was still missing after {@code timeout}.
     */
    Duration awaitConsumed(BooleanSupplier published, String what, Duration timeout) throws Exception {
        AtomicReference<Map<TopicPartition, Long>> target = new AtomicReference<>();
        Duration waited;
        try {
            waited = Await.until(what, timeout, () -> {
                if (failure.get() != null) {
                    return true;
                }
                if (target.get() == null && published.getAsBoolean()) {
                    target.set(endOffsets());
                }
                if (target.get() == null) {
                    return false;
                }
                if (target.get().values().stream().allMatch(end -> end == 0)) {
                    // Nothing was ever published on the topic (a fresh platform): there is nothing to consume, and
                    // no consumer group commits an offset on an empty topic.
                    return true;
                }
                Map<String, Long> lags = lagsBehind(target.get());
                return !lags.isEmpty() && lags.values().stream().allMatch(lag -> lag == 0);
            });
        } catch (Await.NotInTime e) {
            throw new BenchException(
                    "Not done after " + timeout.toSeconds() + " s: " + what
                            + (target.get() == null ? " (not all published yet" : " (all published, not all consumed")
                            + "; ContactAdded seen in all: " + addedTotal.get() + "; consumer lag on " + TOPIC + ": "
                            + lags() + ")",
                    e);
        }
        String readerFailure = failure.get();
        if (readerFailure != null) {
            throw new BenchException("The event watcher stopped: " + readerFailure);
        }
        return waited;
    }

    @Override
    public void close() {
        stopping = true;
        try {
            reader.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        admin.close(Duration.ofSeconds(5));
    }
}
