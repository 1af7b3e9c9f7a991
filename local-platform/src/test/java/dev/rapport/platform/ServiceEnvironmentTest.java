package dev.rapport.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ServiceEnvironmentTest {

    @TempDir
    Path varDir;

    @Test
    void everyServiceGetsItsPortsTheBrokersTheMongoUriAndTheIdentitySecret() {
        Secrets secrets = Secrets.loadOrCreate(varDir);
        Map<String, String> contacts = ServiceEnvironment.of(Service.CONTACTS, new Ports(100), secrets);

        assertThat(contacts)
                .containsEntry("SERVER_PORT", "8181")
                .containsEntry("MANAGEMENT_SERVER_PORT", "9181")
                .containsEntry("MANAGEMENT_SERVER_ADDRESS", "127.0.0.1")
                .containsEntry("SERVER_ADDRESS", "127.0.0.1")
                .containsEntry("RAPPORT_KAFKA_BROKERS", "127.0.0.1:9192")
                .containsEntry("RAPPORT_MONGO_URI", "mongodb://127.0.0.1:27127")
                .containsEntry("RAPPORT_IDENTITY_SECRET", secrets.identitySecret())
                .doesNotContainKeys("RAPPORT_JWT_PUBLIC_KEY", "RAPPORT_CONTACTS_URL");
    }

    @Test
    void gatewayAlsoGetsTheServiceUrlsAndThePublicKeyAndListensBeyondLoopback() {
        Secrets secrets = Secrets.loadOrCreate(varDir);
        Map<String, String> gateway = ServiceEnvironment.of(Service.GATEWAY, new Ports(100), secrets);

        assertThat(gateway)
                .containsEntry("SERVER_PORT", "8180")
                .containsEntry("MANAGEMENT_SERVER_PORT", "9180")
                .containsEntry("MANAGEMENT_SERVER_ADDRESS", "127.0.0.1")
                .containsEntry("RAPPORT_CONTACTS_URL", "http://127.0.0.1:8181")
                .containsEntry("RAPPORT_REMINDERS_URL", "http://127.0.0.1:8182")
                .containsEntry("RAPPORT_CONTENT_URL", "http://127.0.0.1:8183")
                .containsEntry(
                        "RAPPORT_JWT_PUBLIC_KEY",
                        varDir.resolve("keys/jwt-public.pem").toAbsolutePath().toString())
                .containsEntry("RAPPORT_IDENTITY_SECRET", secrets.identitySecret())
                .doesNotContainKey("SERVER_ADDRESS");
    }

    @Test
    void withTwoInstancesTheGatewayBalancesOverAStaticListOfBothAndEachInstanceHasItsOwnPorts() {
        Secrets secrets = Secrets.loadOrCreate(varDir);
        Ports ports = new Ports(100, 2);
        Map<String, String> gateway = ServiceEnvironment.of(Service.GATEWAY, 1, ports, secrets);

        assertThat(gateway)
                .containsEntry("SERVER_PORT", "8180")
                .containsEntry("RAPPORT_CONTACTS_URL", "lb://contacts-service")
                .containsEntry("RAPPORT_REMINDERS_URL", "lb://reminders-service")
                .containsEntry("RAPPORT_CONTENT_URL", "lb://content-service");
        JsonNode instances = JsonMapper.builder()
                .build()
                .readTree(gateway.get("SPRING_APPLICATION_JSON"))
                .at("/spring/cloud/discovery/client/simple/instances");
        assertThat(uris(instances.path("contacts-service")))
                .containsExactly("http://127.0.0.1:8181", "http://127.0.0.1:28181");
        assertThat(uris(instances.path("content-service")))
                .containsExactly("http://127.0.0.1:8183", "http://127.0.0.1:28183");

        assertThat(ServiceEnvironment.of(Service.REMINDERS, 2, ports, secrets))
                .containsEntry("SERVER_PORT", "28182")
                .containsEntry("MANAGEMENT_SERVER_PORT", "29182")
                .containsEntry("RAPPORT_KAFKA_BROKERS", "127.0.0.1:9192");
        assertThat(ServiceEnvironment.of(Service.GATEWAY, new Ports(100), secrets))
                .doesNotContainKey("SPRING_APPLICATION_JSON");
    }

    private static java.util.List<String> uris(JsonNode instances) {
        java.util.List<String> uris = new java.util.ArrayList<>();
        instances.forEach(instance -> uris.add(instance.path("uri").asString()));
        return uris;
    }
}
