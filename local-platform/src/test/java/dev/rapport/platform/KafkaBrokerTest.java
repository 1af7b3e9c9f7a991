package dev.rapport.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaBrokerTest {

    @Test
    void serverPropertiesDescribeOneKraftNodeOnLoopbackWithTheOffsetPorts() throws Exception {
        Properties properties = new Properties();
        properties.load(new StringReader(KafkaBroker.serverProperties(new Ports(100), Path.of("/data/kafka"))));

        assertThat(properties)
                .containsEntry("process.roles", "broker,controller")
                .containsEntry("node.id", "1")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:9193")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:9192,CONTROLLER://127.0.0.1:9193")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:9192")
                .containsEntry(
                        "log.dirs", Path.of("/data/kafka").toAbsolutePath().toString())
                .containsEntry("num.partitions", "3")
                .containsEntry("auto.create.topics.enable", "true")
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("default.replication.factor", "1");
    }

    @Test
    void windowsPathsSurviveThePropertiesEscaping() throws Exception {
        Properties properties = new Properties();
        properties.load(new StringReader(KafkaBroker.serverProperties(new Ports(0), Path.of("C:\\rapport\\var"))));

        assertThat(properties.getProperty("log.dirs")).endsWith("C:\\rapport\\var");
    }
}
