package dev.rapport.support.deadletters;

import dev.rapport.support.events.CloudEventHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;

/** Reads one dead-letter topic: consumers of its own (no group, no commits) and its partitions. */
final class DeadLetterTopicReader {

    private final String brokers;
    private final String topic;
    private final AtomicLong readers = new AtomicLong();

    DeadLetterTopicReader(String brokers, String topic) {
        this.brokers = brokers;
        this.topic = topic;
    }

    static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
        if (infos == null) {
            return List.of();
        }
        return infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    KafkaConsumer<String, byte[]> consumer() {
        return consumer("reader-" + readers.incrementAndGet());
    }

    KafkaConsumer<String, byte[]> consumer(String role) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        // Distinct client ids: two clients with one id clash in JMX (a warning on every read).
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, topic + "-deadletters-" + role);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return new KafkaConsumer<>(props);
    }

    /** The dead letter a record of the topic is, with its decision if any. */
    static DeadLetters.DeadLetter letter(
            ConsumerRecord<String, byte[]> record, DeadLetters.@Nullable Decision decision) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(
                    header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        return new DeadLetters.DeadLetter(
                new Position(record.partition(), record.offset()).id(),
                record.key(),
                headers.get(CloudEventHeaders.ID),
                headers.get(CloudEventHeaders.TYPE),
                headers.get("x-exception-message"),
                Instant.ofEpochMilli(record.timestamp()),
                headers,
                record.value() == null ? new byte[0] : record.value(),
                decision);
    }
}
