package dev.rapport.gateway.support;

import dev.rapport.testkit.TestInfrastructure;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;

/**
 * The gateway on random ports in front of the WireMock services, verifying tokens from {@link MemberTokens}, with its
 * API keys on the test MongoDB server.
 *
 * <p>Every integration test extends this class unchanged, so they all share one Spring context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class GatewayIntegrationTest {

    /** Generated per run: no secret lives in the code. */
    protected static final String IDENTITY_SECRET = randomSecret();

    /** Short, so that the timeout test stays quick; every stubbed answer is far faster. */
    protected static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(3);

    /** Short, so that recovery after an outage is observed quickly. */
    protected static final Duration CIRCUIT_OPEN = Duration.ofSeconds(1);

    @LocalServerPort
    protected int port;

    @LocalManagementPort
    protected int managementPort;

    protected WebTestClient gateway;

    @DynamicPropertySource
    static void gatewayEnvironment(DynamicPropertyRegistry registry) {
        registry.add("RAPPORT_IDENTITY_SECRET", () -> IDENTITY_SECRET);
        registry.add("RAPPORT_JWT_PUBLIC_KEY", () -> MemberTokens.publicKeyPem().toString());
        registry.add("RAPPORT_CONTACTS_URL", () -> Backends.contacts().baseUrl());
        registry.add("RAPPORT_REMINDERS_URL", () -> Backends.reminders().baseUrl());
        registry.add("RAPPORT_CONTENT_URL", () -> Backends.content().baseUrl());
        registry.add("RAPPORT_GATEWAY_RESPONSE_TIMEOUT", RESPONSE_TIMEOUT::toString);
        registry.add("rapport.gateway.circuit-breaker.wait-duration-in-open-state", CIRCUIT_OPEN::toString);
        registry.add("rapport.gateway.circuit-breaker.minimum-number-of-calls", () -> "4");
        registry.add("rapport.gateway.circuit-breaker.sliding-window-size", () -> "4");
        registry.add("management.server.port", () -> "0");
        registry.add("RAPPORT_MONGO_URI", () -> TestInfrastructure.endpoints().mongoUri());
        registry.add("RAPPORT_GATEWAY_ANONYMOUS_RATE_LIMIT_RPS", () -> "20");
        registry.add("RAPPORT_GATEWAY_ANONYMOUS_RATE_LIMIT_BURST", () -> "10");
        // The tests send many refused credentials from one address; UnverifiedAddressLimitIT tests the limit.
        registry.add("RAPPORT_GATEWAY_UNVERIFIED_RATE_LIMIT_BURST", () -> "100000");
    }

    @BeforeEach
    void connectClient() {
        gateway = client(port);
    }

    protected static WebTestClient client(int port) {
        return WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    /** A client whose connections come from {@code sourceAddress} (any 127.x.y.z is the loopback on Linux). */
    protected static WebTestClient clientFrom(String sourceAddress, int port) {
        HttpClient http = HttpClient.create().bindAddress(() -> new InetSocketAddress(sourceAddress, 0));
        return WebTestClient.bindToServer(new ReactorClientHttpConnector(http))
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    protected static byte[] identitySecret() {
        return IDENTITY_SECRET.getBytes(StandardCharsets.UTF_8);
    }

    private static String randomSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
