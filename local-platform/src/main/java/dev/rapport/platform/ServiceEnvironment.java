package dev.rapport.platform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The environment variables a service process starts with (docs/runtime-contract.md): ports, broker, store, secrets. */
final class ServiceEnvironment {

    private ServiceEnvironment() {}

    /** The environment of a service, per docs/runtime-contract.md. */
    static Map<String, String> of(Service service, Ports ports, Secrets secrets) {
        return of(service, 1, ports, secrets);
    }

    /**
     * The environment of instance {@code instance} of a service. With two instances of each service, the gateway
     * reaches each through Spring Cloud LoadBalancer ({@code lb://<module>}, round robin) over a static list of both
     * instances (Spring Cloud Commons' simple discovery client, given as {@code SPRING_APPLICATION_JSON}).
     */
    static Map<String, String> of(Service service, int instance, Ports ports, Secrets secrets) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("SERVER_PORT", String.valueOf(ports.http(service, instance)));
        environment.put("MANAGEMENT_SERVER_PORT", String.valueOf(ports.management(service, instance)));
        // Actuator endpoints are never public; the contract keeps them on loopback in the embedded default.
        environment.put("MANAGEMENT_SERVER_ADDRESS", "127.0.0.1");
        if (service != Service.GATEWAY) {
            // Only the gateway is an entry point; the services are reached through it.
            environment.put("SERVER_ADDRESS", "127.0.0.1");
        }
        environment.put("RAPPORT_KAFKA_BROKERS", ports.kafkaBootstrap());
        environment.put("RAPPORT_MONGO_URI", ports.mongoUri());
        environment.put("RAPPORT_IDENTITY_SECRET", secrets.identitySecret());
        if (service == Service.GATEWAY) {
            Map<String, Object> instances = new LinkedHashMap<>();
            for (Service backend : Service.values()) {
                if (backend.urlVariable() == null) {
                    continue;
                }
                if (ports.instancesOf(backend) == 1) {
                    environment.put(backend.urlVariable(), "http://127.0.0.1:" + ports.http(backend));
                } else {
                    environment.put(backend.urlVariable(), "lb://" + backend.module());
                    List<Map<String, String>> uris = new ArrayList<>();
                    for (int i = 1; i <= ports.instancesOf(backend); i++) {
                        uris.add(Map.of("uri", "http://127.0.0.1:" + ports.http(backend, i)));
                    }
                    instances.put(backend.module(), uris);
                }
            }
            if (!instances.isEmpty()) {
                environment.put(
                        "SPRING_APPLICATION_JSON",
                        tools.jackson.databind.json.JsonMapper.builder()
                                .build()
                                .writeValueAsString(Map.of(
                                        "spring",
                                        Map.of(
                                                "cloud",
                                                Map.of(
                                                        "discovery",
                                                        Map.of(
                                                                "client",
                                                                Map.of("simple", Map.of("instances", instances))))))));
            }
            environment.put(
                    "RAPPORT_JWT_PUBLIC_KEY", secrets.jwtKeys().publicKeyFile().toString());
        }
        return environment;
    }
}
