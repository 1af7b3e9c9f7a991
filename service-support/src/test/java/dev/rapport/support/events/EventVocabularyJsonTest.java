package dev.rapport.support.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.rapport.contracts.events.ContactTier;
import dev.rapport.contracts.events.DomainEvent;
import dev.rapport.contracts.events.EventCatalog;
import dev.rapport.contracts.events.EventCatalog.Area;
import dev.rapport.contracts.events.EventHeader;
import dev.rapport.contracts.events.InteractionDirection;
import dev.rapport.contracts.events.InteractionKind;
import dev.rapport.contracts.events.InteractionLogged;
import dev.rapport.contracts.events.OwedBy;
import dev.rapport.support.RapportProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.support.MessageBuilder;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The closed vocabularies of the contracts cross the wire as their wire values ({@code me}, {@code outbound} …)
 * through the JSON mapper Spring Boot gives the services, with no annotation on the framework-free enums; and a
 * value a newer producer added does not crash a consumer (the tolerant reader rule).
 */
class EventVocabularyJsonTest {

    private static final String SECRET = "a-test-secret-that-is-long-enough-1234";

    private static MongoServer server;
    private static MongoClient client;

    @BeforeAll
    static void startStore() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://" + hostAndPort(server.bind()));
    }

    private static String hostAndPort(java.net.InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }

    @AfterAll
    static void stopStore() {
        client.close();
        server.shutdownNow();
    }

    /** The mapper the services get: Spring Boot's auto-configured one, with no rapport customisation. */
    private static JsonMapper bootMapper() {
        JsonMapper[] mapper = new JsonMapper[1];
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
                .run(context -> mapper[0] = context.getBean(JsonMapper.class));
        return mapper[0];
    }

    private static InteractionLogged interaction(String eventId) {
        return new InteractionLogged(
                new EventHeader(eventId, Instant.parse("2026-11-18T15:30:00Z"), "m-1", "alumni"),
                "i-1",
                List.of(new InteractionLogged.Participant("c-1", "Ana")),
                InteractionKind.LINKEDIN_MESSAGE,
                InteractionDirection.OUTBOUND,
                Instant.parse("2026-11-18T15:00:00Z"),
                "Talked",
                List.of(new InteractionLogged.Promise("p-1", OwedBy.ME, "send it", LocalDate.of(2026, 11, 21), false)));
    }

    @Test
    void jackson3ReadsAndWritesEnumsByToStringByDefault() {
        JsonMapper mapper = bootMapper();
        assertThat(mapper.isEnabled(EnumFeature.WRITE_ENUMS_USING_TO_STRING)).isTrue();
        assertThat(mapper.isEnabled(EnumFeature.READ_ENUMS_USING_TO_STRING)).isTrue();
        assertThat(JsonMapper.builder().build().isEnabled(EnumFeature.WRITE_ENUMS_USING_TO_STRING))
                .isTrue();
    }

    @Test
    void anEventCarriesTheWireValuesOfItsVocabulariesAndReadsThemBack() {
        JsonMapper mapper = bootMapper();
        OutboxEntry entry = new OutboxEvents(new RapportProperties(Area.CONTACTS, SECRET, null, null, null), mapper)
                .entry(interaction("e-1"));

        assertThat(entry.data())
                .contains("\"type\":\"linkedin-message\"")
                .contains("\"direction\":\"outbound\"")
                .contains("\"owedBy\":\"me\"")
                .doesNotContain("LINKEDIN_MESSAGE", "OUTBOUND", "\"ME\"");
        assertThat(mapper.readValue(entry.data(), InteractionLogged.class)).isEqualTo(interaction("e-1"));
        assertThat(mapper.writeValueAsString(ContactTier.ACQUAINTANCE)).isEqualTo("\"acquaintance\"");
    }

    @Test
    void aValueFromANewerProducerReadsAsAbsentInsteadOfDeadLetteringTheEvent() {
        JsonMapper mapper = bootMapper();
        String fromNewerProducer = mapper.writeValueAsString(interaction("e-2"))
                .replace("\"linkedin-message\"", "\"carrier-pigeon\"")
                .replace("\"me\"", "\"both\"");
        // The plain mapper refuses it: that is what the inbox must not do.
        assertThatThrownBy(() -> mapper.readValue(fromNewerProducer, InteractionLogged.class))
                .isInstanceOf(tools.jackson.databind.exc.InvalidFormatException.class);

        List<DomainEvent> handled = new ArrayList<>();
        EventInbox inbox = new EventInbox(
                new MongoTemplate(client, "vocabulary"),
                mapper,
                Clock.systemUTC(),
                new SimpleMeterRegistry(),
                new RapportProperties(Area.REMINDERS, SECRET, null, null, null));
        inbox.receive(
                MessageBuilder.withPayload(fromNewerProducer.getBytes(StandardCharsets.UTF_8))
                        .setHeader("ce_id", "e-2")
                        .setHeader("ce_type", EventCatalog.typeName(Area.CONTACTS, InteractionLogged.class))
                        .build(),
                handled::add);

        assertThat(handled).hasSize(1);
        InteractionLogged read = (InteractionLogged) handled.getFirst();
        assertThat(read.type()).isNull();
        assertThat(read.promises().getFirst().owedBy()).isNull();
        assertThat(read.direction()).isEqualTo(InteractionDirection.OUTBOUND);
        assertThat(read.promises().getFirst().what()).isEqualTo("send it");
    }
}
