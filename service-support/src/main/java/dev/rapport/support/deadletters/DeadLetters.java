package dev.rapport.support.deadletters;

import com.mongodb.client.model.Filters;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * The dead letters of this service's consumer group: the records of {@code <service>.dlq}, each identified by
 * {@code <partition>-<offset>}, with what operators decided about them. A Kafka topic cannot forget one record,
 * so decisions (replayed, discarded, who, when, why) live in the collection {@code dead_letter_decisions};
 * the open ones are the records without a decision. A replay hands the record to the service's own
 * {@code inbox} consumer, which skips event ids it already processed: replaying twice changes nothing.
 */
public class DeadLetters implements AutoCloseable {

    static final String COLLECTION = "dead_letter_decisions";
    /** Never read more than this many records of one topic for one request. */
    static final int SCAN_LIMIT = 10_000;

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final String topic;
    private final MongoTemplate mongo;
    private final Consumer<Message<byte[]>> inbox;
    private final Clock clock;
    private final AtomicLong open = new AtomicLong();
    /** Reads offsets for the gauge; kept open (a new client every refresh would log its whole configuration). */
    private KafkaConsumer<String, byte[]> offsets;

    private final DeadLetterTopicReader reader;

    public DeadLetters(
            String brokers, String topic, MongoTemplate mongo, Consumer<Message<byte[]>> inbox, Clock clock) {
        this.topic = topic;
        this.mongo = mongo;
        this.inbox = inbox;
        this.clock = clock;
        this.reader = new DeadLetterTopicReader(brokers, topic);
    }

    public String topic() {
        return topic;
    }

    /** {@code rapport.deadletters.open{topic}}: records in the dead-letter topic that nobody replayed or discarded. */
    public void bindMetrics(MeterRegistry meters) {
        Gauge.builder("rapport.deadletters.open", open, AtomicLong::get)
                .description("Dead letters waiting for an operator (neither replayed nor discarded)")
                .tag("topic", topic)
                .register(meters);
    }

    /**
     * Refreshes the open count behind the gauge (reads offsets and decisions, never the records); scheduled by
     * {@link DeadLetterTopics#refresh()}.
     */
    public void refresh() {
        try {
            open.set(openCount());
        } catch (RuntimeException e) {
            log.debug("Could not count dead letters of {}: {}", topic, e.toString());
        }
    }

    /** Records in the topic minus the ones with a decision. */
    public long openCount() {
        long records = 0;
        synchronized (this) {
            if (offsets == null) {
                offsets = reader.consumer("gauge");
            }
            try {
                List<TopicPartition> partitions = reader.partitions(offsets);
                Map<TopicPartition, Long> begin = offsets.beginningOffsets(partitions, Duration.ofSeconds(5));
                Map<TopicPartition, Long> end = offsets.endOffsets(partitions, Duration.ofSeconds(5));
                for (TopicPartition partition : partitions) {
                    records += end.get(partition) - begin.get(partition);
                }
            } catch (RuntimeException e) {
                offsets.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ZERO));
                offsets = null;
                throw e;
            }
        }
        long decided = mongo.getCollection(COLLECTION).countDocuments(Filters.eq("topic", topic));
        long count = Math.max(0, records - decided);
        open.set(count);
        return count;
    }

    @Override
    public synchronized void close() {
        if (offsets != null) {
            offsets.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(1)));
            offsets = null;
        }
    }

    /** Dead letters in offset order, after the cursor, filtered. */
    public Page list(Filter filter, @Nullable String after, int limit) {
        Position from = after == null ? null : Position.parse(after);
        List<DeadLetter> items = new ArrayList<>();
        String next = null;
        for (DeadLetter letter : scan()) {
            if (from != null && !from.isBefore(letter.position())) {
                continue;
            }
            if (!filter.test(letter)) {
                continue;
            }
            if (items.size() == limit) {
                next = items.getLast().id();
                break;
            }
            items.add(letter);
        }
        return new Page(topic, items, next);
    }

    public @Nullable DeadLetter find(String id) {
        Position position = Position.parse(id);
        try (KafkaConsumer<String, byte[]> consumer = reader.consumer()) {
            TopicPartition partition = new TopicPartition(topic, position.partition());
            if (!reader.partitions(consumer).contains(partition)) {
                return null;
            }
            long end = consumer.endOffsets(List.of(partition), Duration.ofSeconds(5))
                    .get(partition);
            long begin = consumer.beginningOffsets(List.of(partition), Duration.ofSeconds(5))
                    .get(partition);
            if (position.offset() < begin || position.offset() >= end) {
                return null;
            }
            consumer.assign(List.of(partition));
            consumer.seek(partition, position.offset());
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() == position.offset()) {
                        return DeadLetterTopicReader.letter(
                                record,
                                DeadLetterDecisions.read(mongo, topic, List.of(id))
                                        .get(id));
                    }
                    if (record.offset() > position.offset()) {
                        return null;
                    }
                }
            }
            throw new IllegalStateException("dead letter " + id + " could not be read from " + topic + " in time");
        }
    }

    /**
     * Hands the record to the service's consumer again. An event already processed is skipped by the inbox.
     *
     * @return the decision recorded
     * @throws ReplayFailedException when the consumer fails again (the letter stays open)
     */
    public Decision replay(DeadLetter letter, String operator) {
        Message<byte[]> message = MessageBuilder.withPayload(letter.payload())
                .copyHeaders(letter.replayHeaders())
                .build();
        try {
            inbox.accept(message);
        } catch (RuntimeException e) {
            log.warn(
                    "Dead letter {} of {} replayed by operator {} failed again: {}",
                    letter.id(),
                    topic,
                    operator,
                    e.toString());
            throw new ReplayFailedException(letter.id(), e);
        }
        Decision decision = decide(letter, "replayed", operator, null);
        log.info(
                "Dead letter {} of {} (event {}, {}) replayed by operator {}",
                letter.id(),
                topic,
                letter.eventId(),
                letter.type(),
                operator);
        return decision;
    }

    public Decision discard(DeadLetter letter, String operator, String reason) {
        Decision decision = decide(letter, "discarded", operator, reason);
        log.info(
                "Dead letter {} of {} (event {}, {}) discarded by operator {}: {}",
                letter.id(),
                topic,
                letter.eventId(),
                letter.type(),
                operator,
                reason);
        return decision;
    }

    /** Every open letter the filter selects, in offset order (at most {@link #SCAN_LIMIT}). */
    public List<DeadLetter> open(Filter filter) {
        return scan().stream()
                .filter(letter -> letter.decision() == null)
                .filter(filter)
                .toList();
    }

    private Decision decide(DeadLetter letter, String status, String operator, @Nullable String reason) {
        Instant now = clock.instant();
        Document document = new Document("_id", topic + "/" + letter.id())
                .append("topic", topic)
                .append("letter", letter.id())
                .append("eventId", letter.eventId())
                .append("status", status)
                .append("operator", operator)
                .append("reason", reason)
                .append("at", Date.from(now));
        mongo.getCollection(COLLECTION)
                .replaceOne(
                        Filters.eq("_id", document.get("_id")),
                        document,
                        new com.mongodb.client.model.ReplaceOptions().upsert(true));
        refresh();
        return new Decision(status, operator, reason, now);
    }

    private List<DeadLetter> scan() {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = reader.consumer()) {
            List<TopicPartition> partitions = reader.partitions(consumer);
            if (partitions.isEmpty()) {
                return List.of();
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(5));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (records.size() < SCAN_LIMIT
                    && System.nanoTime() < deadline
                    && !DeadLetterTopicReader.reached(consumer, end)) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        records.sort(java.util.Comparator.<ConsumerRecord<String, byte[]>>comparingInt(ConsumerRecord::partition)
                .thenComparingLong(ConsumerRecord::offset));
        Map<String, Decision> decisions = DeadLetterDecisions.read(
                mongo,
                topic,
                records.stream()
                        .map(r -> new Position(r.partition(), r.offset()).id())
                        .toList());
        List<DeadLetter> letters = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            letters.add(DeadLetterTopicReader.letter(
                    record, decisions.get(new Position(record.partition(), record.offset()).id())));
        }
        return letters;
    }

    /** What an operator decided about a dead letter. */
    public record Decision(
            String status, String operator, @Nullable String reason, Instant at) {}

    /** One record of the dead-letter topic. */
    public record DeadLetter(
            String id,
            @Nullable String key,
            @Nullable String eventId,
            @Nullable String type,
            @Nullable String reason,
            Instant deadLetteredAt,
            Map<String, String> headers,
            byte[] payload,
            @Nullable Decision decision) {

        Position position() {
            return Position.parse(id);
        }

        public String status() {
            return decision == null ? "open" : decision.status();
        }

        /** The original headers for the consumer; the binder's dead-letter headers stay behind. */
        Map<String, Object> replayHeaders() {
            Map<String, Object> replay = new LinkedHashMap<>();
            headers.forEach((name, value) -> {
                if (value != null && !name.startsWith("x-")) {
                    replay.put(name, value);
                }
            });
            return replay;
        }
    }

    /** Which dead letters an operation applies to; every null field matches everything. */
    public record Filter(
            @Nullable String type,
            @Nullable String status,
            @Nullable Instant since,
            @Nullable Instant until) implements Predicate<DeadLetter> {

        public static final Filter ALL = new Filter(null, null, null, null);

        @Override
        public boolean test(DeadLetter letter) {
            return (type == null || type.equals(letter.type()))
                    && (status == null || status.equals(letter.status()))
                    && (since == null || !letter.deadLetteredAt().isBefore(since))
                    && (until == null || letter.deadLetteredAt().isBefore(until));
        }
    }

    public record Page(
            String topic, List<DeadLetter> items, @Nullable String next) {}

    /** The consumer failed again on a replayed dead letter. */
    public static class ReplayFailedException extends RuntimeException {
        public ReplayFailedException(String id, Throwable cause) {
            super("dead letter " + id + " failed again: " + cause.getMessage(), cause);
        }
    }
}
