package dev.rapport.testkit;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * The Kafka broker and MongoDB server of integration tests, started once per JVM and shared by
 * every test context.
 *
 * <p>By default ({@code -Drapport.test.infrastructure=embedded}) a real Kafka broker in KRaft mode
 * runs in-process and the MongoDB-wire server ({@code mongo-java-server}, in memory) on loopback.
 * With {@code -Drapport.test.infrastructure=containers} the same tests run against real Apache
 * Kafka and MongoDB containers through Testcontainers, which needs a Docker engine.
 */
public final class TestInfrastructure {

    public static final String MODE_PROPERTY = "rapport.test.infrastructure";
    public static final String KAFKA_IMAGE = "apache/kafka:4.1.1";
    public static final String MONGO_IMAGE = "mongo:8.0.15";

    private static volatile Endpoints endpoints;

    private TestInfrastructure() {}

    /** Where the tests' Kafka and MongoDB are. */
    public record Endpoints(String kafkaBrokers, String mongoUri, String mode) {}

    /** Whether this run uses containers rather than the embedded servers. */
    public static boolean containersRequested() {
        return "containers".equalsIgnoreCase(System.getProperty(MODE_PROPERTY, "embedded"));
    }

    /** Whether a Docker engine answers (about 0.3 s when none is there). */
    public static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** Starts the infrastructure on first use and returns its endpoints. */
    public static Endpoints endpoints() {
        Endpoints current = endpoints;
        if (current == null) {
            synchronized (TestInfrastructure.class) {
                current = endpoints;
                if (current == null) {
                    current = containersRequested() ? startContainers() : startEmbedded();
                    endpoints = current;
                }
            }
        }
        return current;
    }

    private static Endpoints startEmbedded() {
        try {
            // surefire points java.io.tmpdir into target/, which may not exist yet
            java.nio.file.Files.createDirectories(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 3);
        kafka.afterPropertiesSet();
        MongoServer mongo = new MongoServer(new MemoryBackend());
        mongo.bind("127.0.0.1", 0);
        InetSocketAddress address = mongo.getLocalAddress();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            mongo.shutdownNow();
                            kafka.destroy();
                        },
                        "test-infrastructure-shutdown"));
        return new Endpoints(kafka.getBrokersAsString(), "mongodb://127.0.0.1:" + address.getPort(), "embedded");
    }

    @SuppressWarnings("resource") // stopped by Testcontainers' reaper at JVM exit
    private static Endpoints startContainers() {
        KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE);
        MongoDBContainer mongo = new MongoDBContainer(MONGO_IMAGE);
        kafka.start();
        mongo.start();
        return new Endpoints(kafka.getBootstrapServers(), mongo.getConnectionString(), "containers");
    }
}
