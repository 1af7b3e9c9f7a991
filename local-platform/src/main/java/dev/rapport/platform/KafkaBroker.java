package dev.rapport.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Apache Kafka broker of the embedded default: one KRaft node that is both broker and controller,
 * in a child JVM started from the Kafka jars, its data under {@code var/kafka}.
 */
final class KafkaBroker {

    private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);
    private static final List<String> JVM_FLAGS = Stream.concat(
                    Stream.of("-Xmx512m", "-Djava.awt.headless=true", "-Dlogback.configurationFile=logback-kafka.xml"),
                    JavaCommand.MEMORY_FLAGS.stream())
            .toList();
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final ChildProcess process;

    private KafkaBroker(ChildProcess process) {
        this.process = process;
    }

    ChildProcess process() {
        return process;
    }

    /**
     * Formats the storage on the first run only (a second run keeps topics and offsets), then starts the
     * broker without waiting for it: the caller registers the process first, so that Ctrl-C stops it.
     */
    static KafkaBroker launch(Path varDir, Ports ports, JavaCommand java, Duration timeout) {
        Path kafkaDir = varDir.resolve("kafka");
        Path dataDir = kafkaDir.resolve("data");
        Path logs = varDir.resolve("logs");
        Path config = kafkaDir.resolve("server.properties");
        String clusterId = clusterId(kafkaDir);
        // Written on every run: the ports follow RAPPORT_PORT_OFFSET, the data does not depend on them.
        VarFiles.writeAtomically(config, serverProperties(ports, dataDir), false);

        if (!Files.exists(dataDir.resolve("meta.properties"))) {
            log.info("Formatting Kafka storage in {} (cluster id {})", dataDir, clusterId);
            ChildProcess format = ChildProcess.start(
                    "kafka-storage-format",
                    java.mainClass(
                            JVM_FLAGS, "kafka.tools.StorageTool", "format", "-t", clusterId, "-c", config.toString()),
                    Map.of(),
                    varDir,
                    logs.resolve("kafka-format.log"));
            if (!format.awaitExit(timeout)) {
                format.stop(Duration.ofSeconds(5));
                throw new PlatformException(
                        format.failure("Formatting the Kafka storage took longer than " + timeout.toSeconds() + " s"));
            }
            if (format.exitValue() != 0) {
                throw new PlatformException(
                        format.failure("Formatting the Kafka storage failed (exit code " + format.exitValue() + ")"));
            }
        }

        return new KafkaBroker(ChildProcess.start(
                "kafka",
                java.mainClass(JVM_FLAGS, "kafka.Kafka", config.toString()),
                Map.of(),
                varDir,
                logs.resolve("kafka.log")));
    }

    private static String clusterId(Path kafkaDir) {
        Path file = kafkaDir.resolve("cluster.id");
        try {
            if (!Files.exists(file)) {
                VarFiles.writeAtomically(file, Uuid.randomUuid() + "\n", false);
            }
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    static String serverProperties(Ports ports, Path dataDir) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("process.roles", "broker,controller");
        properties.put("node.id", "1");
        properties.put("controller.quorum.voters", "1@127.0.0.1:" + ports.kafkaController());
        properties.put(
                "listeners",
                "PLAINTEXT://127.0.0.1:" + ports.kafka() + ",CONTROLLER://127.0.0.1:" + ports.kafkaController());
        properties.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + ports.kafka());
        properties.put("controller.listener.names", "CONTROLLER");
        properties.put("inter.broker.listener.name", "PLAINTEXT");
        properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        properties.put("log.dirs", dataDir.toAbsolutePath().toString());
        properties.put("num.partitions", "3");
        properties.put("auto.create.topics.enable", "true");
        // One node: every internal topic must make do with one replica, or it is never created.
        properties.put("default.replication.factor", "1");
        properties.put("min.insync.replicas", "1");
        properties.put("offsets.topic.replication.factor", "1");
        properties.put("transaction.state.log.replication.factor", "1");
        properties.put("transaction.state.log.min.isr", "1");
        properties.put("share.coordinator.state.topic.replication.factor", "1");
        properties.put("share.coordinator.state.topic.min.isr", "1");
        // The defaults (50 partitions) cost seconds of start-up on two cores for nothing locally.
        properties.put("offsets.topic.num.partitions", "5");
        properties.put("transaction.state.log.num.partitions", "5");
        // Consumers of a freshly started service join at once instead of waiting 3 s for others.
        properties.put("group.initial.rebalance.delay.ms", "0");
        StringBuilder text = new StringBuilder("# Written by dev.rapport.platform.LocalPlatform on every start.\n");
        properties.forEach((key, value) ->
                text.append(key).append('=').append(value.replace("\\", "\\\\")).append('\n'));
        return text.toString();
    }

    /** Waits until the broker serves clients; fails with the end of its log if it exits or times out. */
    void awaitReady(Ports ports, Duration timeout) {
        long started = System.nanoTime();
        awaitConnectable(ports, started + timeout.toNanos(), timeout);
        log.info(
                "Kafka broker ready on {} in {} (pid {}, log {})",
                ports.kafkaBootstrap(),
                ChildProcess.seconds(System.nanoTime() - started),
                process.pid(),
                process.logFile());
    }

    private void awaitConnectable(Ports ports, long deadline, Duration timeout) {
        while (!acceptsConnections(ports.kafka())) {
            checkAliveAndTime(deadline, timeout);
            process.awaitExit(Duration.ofMillis(200));
        }
        // Accepting connections is not enough: the broker must have registered with its controller
        // before the services create their topics.
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, ports.kafkaBootstrap(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000))) {
            while (true) {
                checkAliveAndTime(deadline, timeout);
                try {
                    if (!admin.describeCluster(new DescribeClusterOptions().timeoutMs(3_000))
                            .nodes()
                            .get(4, TimeUnit.SECONDS)
                            .isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    log.debug("Kafka broker not ready yet: {}", e.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new PlatformException("Interrupted while waiting for the Kafka broker");
                }
                process.awaitExit(Duration.ofMillis(200));
            }
        }
    }

    private void checkAliveAndTime(long deadline, Duration timeout) {
        if (!process.isAlive()) {
            throw new PlatformException(
                    process.failure("The Kafka broker exited while starting (exit code " + process.exitValue() + ")"));
        }
        if (System.nanoTime() > deadline) {
            throw new PlatformException(
                    process.failure("The Kafka broker was not ready within " + timeout.toSeconds() + " s"));
        }
    }

    private static boolean acceptsConnections(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    void stop() {
        log.info("Stopping the Kafka broker (pid {})", process.pid());
        process.stop(STOP_GRACE);
    }
}
