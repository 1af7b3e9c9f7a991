package dev.rapport.content;

import dev.rapport.testkit.KafkaProbe;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads one member's events from content.events in tests. */
public final class ContentEvents implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KafkaProbe probe = KafkaProbe.reading("content.events");
    private final String member;

    public ContentEvents(String member) {
        this.member = member;
    }

    /** The member's events of a type (short name such as ContentPublished) seen so far. */
    public List<ConsumerRecord<String, String>> ofType(String type) {
        return probe.poll().stream()
                .filter(r -> member.equals(r.key()))
                .filter(r -> ("rapport.content." + type + ".v1").equals(KafkaProbe.header(r, "ce_type")))
                .toList();
    }

    /** Waits for an event of a type whose data satisfies {@code matching}, and returns its data. */
    public JsonNode await(String type, Predicate<JsonNode> matching) {
        JsonNode[] found = new JsonNode[1];
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            for (ConsumerRecord<String, String> record : ofType(type)) {
                JsonNode data = JSON.readTree(record.value());
                if (matching.test(data)) {
                    found[0] = data;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    @Override
    public void close() {
        probe.close();
    }
}
