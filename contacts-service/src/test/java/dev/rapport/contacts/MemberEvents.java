package dev.rapport.contacts;

import dev.rapport.testkit.KafkaProbe;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The events contacts-service published for one member, read from contacts.events. */
final class MemberEvents implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KafkaProbe probe = KafkaProbe.reading("contacts.events");
    private final String member;

    MemberEvents(String member) {
        this.member = member;
    }

    /**
     * The data of every event of a type (short name, e.g. ContactGoneStale) seen so far, in order,
     * once per CloudEvent id: delivery is at least once (ADR 0001) and consumers de-duplicate on the
     * id, so a republished event is not a second event, while a second emission would have its own id.
     */
    List<JsonNode> of(String type) {
        String ceType = "rapport.contacts." + type + ".v1";
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : probe.poll()) {
            if (member.equals(record.key()) && ceType.equals(KafkaProbe.header(record, "ce_type"))) {
                byId.putIfAbsent(KafkaProbe.header(record, "ce_id"), JSON.readTree(record.value()));
            }
        }
        return List.copyOf(byId.values());
    }

    @Override
    public void close() {
        probe.close();
    }
}
