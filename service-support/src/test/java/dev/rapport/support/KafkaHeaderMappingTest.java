package dev.rapport.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.MessageHeaders;

/** CloudEvents attributes cross Kafka as raw UTF-8 headers and come back as strings a consumer can read. */
class KafkaHeaderMappingTest {

    private final org.springframework.kafka.support.SimpleKafkaHeaderMapper mapper =
            new RapportServiceAutoConfiguration().rapportKafkaHeaderMapper();

    @Test
    void cloudEventAttributesAndTheBindersContentTypeRoundTrip() {
        RecordHeaders kafka = new RecordHeaders();
        mapper.fromHeaders(
                new MessageHeaders(Map.of(
                        "ce_id", "e-1",
                        "ce_type", "rapport.contacts.InteractionLogged.v1",
                        "contentType", "application/json")),
                kafka);
        assertThat(new String(kafka.lastHeader("ce_type").value(), StandardCharsets.UTF_8))
                .isEqualTo("rapport.contacts.InteractionLogged.v1");
        assertThat(new String(kafka.lastHeader("ce_id").value(), StandardCharsets.UTF_8))
                .isEqualTo("e-1");

        Map<String, Object> back = new HashMap<>();
        mapper.toHeaders(kafka, back);
        assertThat(back.get("contentType")).isEqualTo("application/json");
        assertThat(back).containsKeys("ce_id", "ce_type");
    }
}
