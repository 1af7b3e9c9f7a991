package dev.rapport.platform.faults;

import dev.rapport.platform.harness.KafkaReaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The platform's topics as a plain Kafka client sees them: every record from the beginning up to the end offsets
 * of the moment, the committed offsets of the consumer groups, and records written by hand (poison). A new
 * client per call: the broker may have been killed and restarted in between.
 */
final class Topics {

    static final String CONTACTS = "contacts.events";
    static final String CONTENT = "content.events";
    static final String REMINDERS = "reminders.events";

    /** The services that consume each topic (their application.yml), whose group id is the service's name. */
    static final Map<String, List<String>> CONSUMERS = Map.of(
            CONTACTS, List.of("contacts-service", "content-service", "reminders-service"),
            CONTENT, List.of("contacts-service", "reminders-service"),
            REMINDERS, List.of("contacts-service"));

    static final List<String> DEAD_LETTER_TOPICS =
            List.of("contacts-service.dlq", "content-service.dlq", "reminders-service.dlq");

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** One record, its CloudEvents headers read. */
    record Event(String topic, int partition, long offset, String key, String id, String type, byte[] value) {}

    private final String bootstrap;

    Topics(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    private Admin admin() {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        return Admin.create(properties);
    }

    /** The end offset of every partition of {@code topic}; empty when the topic does not exist. */
    Map<TopicPartition, Long> endOffsets(String topic) throws Exception {
        try (Admin admin = admin()) {
            return endOffsets(admin, topic);
        }
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, String topic) throws Exception {
        Set<String> names = admin.listTopics().names().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (!names.contains(topic)) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        try {
            admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                    .get(topic)
                    .partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Map.of();
            }
            throw e;
        }
        Map<TopicPartition, Long> offsets = new HashMap<>();
        admin.listOffsets(latest)
                .all()
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                .forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    /** How many records {@code topic} holds in all (0 when it does not exist). */
    long size(String topic) throws Exception {
        return endOffsets(topic).values().stream().mapToLong(Long::longValue).sum();
    }

    /** The committed offsets of {@code group} on {@code topic}. */
    Map<TopicPartition, Long> committed(String group, String topic) throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            Map<TopicPartition, Long> onTopic = new HashMap<>();
            offsets.forEach((partition, offset) -> {
                if (partition.topic().equals(topic) && offset != null) {
                    onTopic.put(partition, offset.offset());
                }
            });
            return onTopic;
        }
    }

    /** The lag of {@code group} on {@code topic}: records at the end offsets it has not committed yet. */
    long lag(String group, String topic) throws Exception {
        Map<TopicPartition, Long> ends = endOffsets(topic);
        Map<TopicPartition, Long> committed = committed(group, topic);
        return ends.entrySet().stream()
                .mapToLong(e -> Math.max(0, e.getValue() - committed.getOrDefault(e.getKey(), 0L)))
                .sum();
    }

    /** The ids of every consumer group the broker knows (the services' groups: plain readers here use none). */
    Set<String> consumerGroups() throws Exception {
        try (Admin admin = admin()) {
            Set<String> groups = new java.util.TreeSet<>();
            admin.listGroups(ListGroupsOptions.forConsumerGroups())
                    .all()
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                    .forEach(listing -> groups.add(listing.groupId()));
            return groups;
        }
    }

    /** The topics {@code group} has committed offsets on (those it consumes). */
    Set<String> topicsOf(String group) throws Exception {
        try (Admin admin = admin()) {
            Set<String> topics = new java.util.TreeSet<>();
            admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                    .keySet()
                    .forEach(partition -> topics.add(partition.topic()));
            return topics;
        }
    }

    /** A consumer group's members now, and the partitions assigned to them (each member's count). */
    record Assignment(int members, Set<TopicPartition> assigned, List<Integer> partitionsPerMember) {}

    /** Who consumes what in {@code group} now, as the broker's group coordinator sees it. */
    Assignment assignment(String group) throws Exception {
        try (Admin admin = admin()) {
            var description = admin.describeConsumerGroups(List.of(group))
                    .all()
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                    .get(group);
            Set<TopicPartition> assigned = new HashSet<>();
            List<Integer> perMember = new ArrayList<>();
            description.members().forEach(member -> {
                Set<TopicPartition> partitions = member.assignment().topicPartitions();
                assigned.addAll(partitions);
                perMember.add(partitions.size());
            });
            perMember.sort(null);
            return new Assignment(description.members().size(), assigned, perMember);
        }
    }

    /** Every partition of {@code topic} (none when it does not exist). */
    Set<TopicPartition> partitions(String topic) throws Exception {
        return new HashSet<>(endOffsets(topic).keySet());
    }

    /** How many members {@code group} has now (0: empty, its offsets may be altered). */
    int members(String group) throws Exception {
        try (Admin admin = admin()) {
            return admin.describeConsumerGroups(List.of(group))
                    .all()
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                    .get(group)
                    .members()
                    .size();
        }
    }

    /**
     * Sets the committed offset of {@code group} to 0 on every partition of every topic it has committed offsets on
     * (the group must be empty); answers those partitions with the records each holds, the group's work to do again.
     */
    Map<TopicPartition, Long> rewind(String group) throws Exception {
        try (Admin admin = admin()) {
            Set<String> topicsOfGroup = new HashSet<>();
            admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                    .keySet()
                    .forEach(partition -> topicsOfGroup.add(partition.topic()));
            Map<TopicPartition, Long> records = new HashMap<>();
            for (String topic : topicsOfGroup) {
                records.putAll(endOffsets(admin, topic));
            }
            Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
            records.keySet().forEach(partition -> start.put(partition, new OffsetAndMetadata(0)));
            admin.alterConsumerGroupOffsets(group, start).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return records;
        }
    }

    /** Every record of {@code topic} up to the end offsets of now, those that {@code filter} keeps. */
    List<Event> read(String topic, Predicate<Event> filter) throws Exception {
        Map<TopicPartition, Long> ends = endOffsets(topic);
        List<Event> events = new ArrayList<>();
        if (ends.values().stream().allMatch(end -> end == 0)) {
            return events;
        }
        Properties properties = KafkaReaders.properties(bootstrap);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties)) {
            consumer.assign(ends.keySet());
            consumer.seekToBeginning(ends.keySet());
            Set<TopicPartition> pending = new HashSet<>();
            ends.forEach((partition, end) -> {
                if (end > 0) {
                    pending.add(partition);
                }
            });
            while (!pending.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new FaultException("Could not read " + topic + " to its end within 2 minutes");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() < ends.get(partition)) {
                        Event event = new Event(
                                record.topic(),
                                record.partition(),
                                record.offset(),
                                record.key(),
                                header(record, "ce_id"),
                                header(record, "ce_type"),
                                record.value());
                        if (filter.test(event)) {
                            events.add(event);
                        }
                    }
                }
                pending.removeIf(partition -> consumer.position(partition) >= ends.get(partition));
            }
        }
        return events;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Writes one record as it is (headers as raw UTF-8, the platform's binary mode) and answers where it went. */
    RecordMetadata write(String topic, String key, Map<String, String> headers, byte[] value) throws Exception {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties)) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
            headers.forEach((name, text) -> record.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
            return producer.send(record).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }
}
