package dev.rapport.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** Kafka and the MongoDB-wire server alone: both work, and both keep their data across a restart. */
class EmbeddedInfrastructureIT {

    @Test
    void kafkaAndMongoServeClientsAndKeepTheirDataAcrossARestart() throws Exception {
        Path varDir = Files.createTempDirectory(Path.of("target"), "infra-var-");
        PlatformOptions options = new PlatformOptions(
                PlatformOptions.findRepoRoot(),
                varDir,
                TestPorts.freeOffset(),
                false,
                PlatformOptions.DEFAULT_STARTUP_TIMEOUT);
        String topic = "infrastructure-it";
        String key = UUID.randomUUID().toString();

        FileTime formatted;
        try (RunningPlatform platform = LocalPlatform.start(options)) {
            formatted = Files.getLastModifiedTime(varDir.resolve("kafka/data/meta.properties"));
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrap(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
                producer.send(new ProducerRecord<>(topic, key, "before the restart"))
                        .get();
            }
            try (MongoClient mongo = MongoClients.create(platform.mongoUri())) {
                mongo.getDatabase("rapport-it").getCollection("notes").insertOne(new Document("_id", key));
                // What Spring Boot's health indicator sends to every database.
                assertThat(mongo.getDatabase("rapport-it").runCommand(new Document("hello", 1)))
                        .containsKey("maxWireVersion");
                assertThat(mongo.getDatabase("rapport-it").runCommand(new Document("ping", 1)))
                        .containsEntry("ok", 1.0);
            }
        }

        try (RunningPlatform platform = LocalPlatform.start(options)) {
            assertThat(Files.getLastModifiedTime(varDir.resolve("kafka/data/meta.properties")))
                    .as("the second run must not format the Kafka storage again")
                    .isEqualTo(formatted);
            try (MongoClient mongo = MongoClients.create(platform.mongoUri())) {
                assertThat(mongo.getDatabase("rapport-it")
                                .getCollection("notes")
                                .find(new Document("_id", key))
                                .first())
                        .isNotNull();
            }
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    platform.kafkaBootstrap(),
                    ConsumerConfig.GROUP_ID_CONFIG,
                    "infrastructure-it-" + key,
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                    "earliest",
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                    StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                    StringDeserializer.class))) {
                consumer.subscribe(List.of(topic));
                List<ConsumerRecord<String, String>> seen = new ArrayList<>();
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    consumer.poll(Duration.ofMillis(500)).forEach(seen::add);
                    assertThat(seen).anySatisfy(record -> {
                        assertThat(record.key()).isEqualTo(key);
                        assertThat(record.value()).isEqualTo("before the restart");
                    });
                });
            }
        }
        assertThat(varDir.resolve("run/launcher.pid")).doesNotExist();
    }
}
