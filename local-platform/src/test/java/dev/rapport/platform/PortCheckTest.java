package dev.rapport.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortCheckTest {

    @TempDir
    Path varDir;

    @Test
    void busyPortFailsTheStartWithAMessageNamingThePortAndTheProcessThatNeedsIt() throws Exception {
        int offset = TestPorts.freeOffset();
        Ports ports = new Ports(offset);
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), ports.http(Service.GATEWAY)));

            assertThatThrownBy(() -> LocalPlatform.start(options(offset)))
                    .isInstanceOf(PlatformException.class)
                    .hasMessageContaining("Port " + ports.http(Service.GATEWAY) + " is already in use")
                    .hasMessageContaining("gateway (HTTP)")
                    .hasMessageContaining("RAPPORT_PORT_OFFSET");
        }
        // Nothing was started or generated: the check comes first.
        assertThat(varDir.resolve("kafka")).doesNotExist();
        assertThat(varDir.resolve("mongo")).doesNotExist();
        assertThat(varDir.resolve("identity-secret")).doesNotExist();
    }

    @Test
    void everyBusyPortIsListedWithItsProcess() throws Exception {
        int offset = TestPorts.freeOffset();
        Ports ports = new Ports(offset);
        try (ServerSocket kafka = new ServerSocket(ports.kafka());
                ServerSocket mongo = new ServerSocket(ports.mongo())) {
            assertThatThrownBy(() -> PortCheck.requireFree(ports, new PidFiles(varDir.resolve("run"))))
                    .hasMessageContaining(ports.kafka() + " for the Kafka broker")
                    .hasMessageContaining(ports.mongo() + " for the MongoDB-wire server");
        }
    }

    @Test
    void anEarlierRunStillAliveIsNamedWithItsPid() throws Exception {
        int offset = TestPorts.freeOffset();
        Ports ports = new Ports(offset);
        // A JVM of this test stands in for the gateway of an earlier run that was never stopped.
        Process earlier = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        StandIn.class.getName())
                .start();
        try {
            // Its first line says the JVM runs: before that the process may still be the JDK's spawn helper.
            assertThat(earlier.inputReader().readLine()).isEqualTo("running");
            Files.createDirectories(varDir.resolve("run"));
            Files.writeString(varDir.resolve("run/gateway.pid"), earlier.pid() + "\n");
            Files.writeString(varDir.resolve("run/kafka.pid"), "999999999\n");
            try (ServerSocket squatter = new ServerSocket(ports.http(Service.GATEWAY))) {
                assertThatThrownBy(() -> PortCheck.requireFree(ports, new PidFiles(varDir.resolve("run"))))
                        .hasMessageContaining("gateway (pid " + earlier.pid() + ")")
                        .hasMessageContaining("kill " + earlier.pid())
                        .hasMessageNotContaining("999999999");
            }
        } finally {
            earlier.destroyForcibly();
        }
    }

    /** A JVM that lives until its standard input closes. */
    static final class StandIn {
        public static void main(String[] args) throws IOException {
            System.out.println("running");
            System.out.flush();
            System.in.read();
        }
    }

    @Test
    void portsFollowTheOffset() {
        Ports ports = new Ports(100);
        assertThat(ports.http(Service.GATEWAY)).isEqualTo(8180);
        assertThat(ports.management(Service.CONTENT)).isEqualTo(9183);
        assertThat(ports.kafkaBootstrap()).isEqualTo("127.0.0.1:9192");
        assertThat(ports.kafkaController()).isEqualTo(9193);
        assertThat(ports.mongoUri()).isEqualTo("mongodb://127.0.0.1:27127");
        assertThat(ports.purposes()).hasSize(11);
    }

    @Test
    void aSecondInstanceOfEachServiceListensTwentyThousandPortsHigherTheGatewayStaysOne() {
        Ports ports = new Ports(100, 2);
        assertThat(ports.http(Service.CONTACTS, 1)).isEqualTo(8181);
        assertThat(ports.http(Service.CONTACTS, 2)).isEqualTo(28181);
        assertThat(ports.management(Service.REMINDERS, 2)).isEqualTo(29182);
        assertThat(ports.instancesOf(Service.GATEWAY)).isEqualTo(1);
        assertThat(ports.instancesOf(Service.CONTENT)).isEqualTo(2);
        // 11 ports, and HTTP and management of the second contacts-, reminders- and content-service.
        assertThat(ports.purposes()).hasSize(17).containsEntry(28183, "content-service #2 (HTTP)");
        assertThat(new Ports(100).purposes()).doesNotContainKey(28181);
        assertThatThrownBy(() -> new Ports(100, 3)).hasMessageContaining("--instances must be 1 or 2");
        assertThatThrownBy(() -> new Ports(37_000, 2))
                .hasMessageContaining("RAPPORT_PORT_OFFSET must be between 0 and");
    }

    @Test
    void anOffsetThatPushesAPortOutOfRangeIsRefused() {
        assertThatThrownBy(() -> new Ports(40_000)).hasMessageContaining("RAPPORT_PORT_OFFSET must be between 0 and");
        assertThatThrownBy(() -> new Ports(-1)).hasMessageContaining("RAPPORT_PORT_OFFSET");
    }

    private PlatformOptions options(int offset) {
        return new PlatformOptions(
                PlatformOptions.findRepoRoot(), varDir, offset, true, PlatformOptions.DEFAULT_STARTUP_TIMEOUT);
    }
}
