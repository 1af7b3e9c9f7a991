package dev.rapport.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.rapport.gateway.support.Backends;
import dev.rapport.gateway.support.MemberTokens;
import dev.rapport.testkit.TestInfrastructure;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * With two instances of a service ({@code ./rapport run --instances 2}), the launcher gives the gateway
 * {@code lb://<service>} as the service's URL and both instances as a static list (Spring Cloud Commons' simple
 * discovery client): the gateway's requests alternate between them (Spring Cloud LoadBalancer's round robin).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LoadBalancingIT {

    private static final WireMockServer FIRST = start();
    private static final WireMockServer SECOND = start();
    private static final String IDENTITY_SECRET = randomSecret();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void twoContactsInstances(DynamicPropertyRegistry registry) {
        registry.add("RAPPORT_IDENTITY_SECRET", () -> IDENTITY_SECRET);
        registry.add("RAPPORT_JWT_PUBLIC_KEY", () -> MemberTokens.publicKeyPem().toString());
        // As RunningPlatform.environment gives them to the gateway with --instances 2.
        registry.add("RAPPORT_CONTACTS_URL", () -> "lb://contacts-service");
        registry.add("spring.cloud.discovery.client.simple.instances.contacts-service[0].uri", FIRST::baseUrl);
        registry.add("spring.cloud.discovery.client.simple.instances.contacts-service[1].uri", SECOND::baseUrl);
        registry.add("RAPPORT_REMINDERS_URL", () -> Backends.reminders().baseUrl());
        registry.add("RAPPORT_CONTENT_URL", () -> Backends.content().baseUrl());
        registry.add("management.server.port", () -> "0");
        registry.add("RAPPORT_MONGO_URI", () -> TestInfrastructure.endpoints().mongoUri());
    }

    @AfterAll
    static void stopInstances() {
        FIRST.stop();
        SECOND.stop();
    }

    @Test
    void requestsToAServiceWithTwoInstancesAlternateBetweenThem() {
        for (WireMockServer instance : new WireMockServer[] {FIRST, SECOND}) {
            instance.stubFor(get(urlPathEqualTo("/api/v1/contacts"))
                    .willReturn(aResponse()
                            .withStatus(200)
                            .withHeader("Content-Type", "application/json")
                            .withBody("{\"items\":[],\"total\":0}")));
        }
        WebTestClient gateway = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .build();
        String token = MemberTokens.token(MemberTokens.newMember());
        for (int i = 0; i < 10; i++) {
            gateway.get()
                    .uri("/api/v1/contacts")
                    .headers(h -> h.setBearerAuth(token))
                    .exchange()
                    .expectStatus()
                    .isOk();
        }

        int first = FIRST.findAll(getRequestedFor(urlPathEqualTo("/api/v1/contacts")))
                .size();
        int second = SECOND.findAll(getRequestedFor(urlPathEqualTo("/api/v1/contacts")))
                .size();
        assertThat(first + second).isEqualTo(10);
        assertThat(first).as("requests to the first instance").isEqualTo(5);
        assertThat(second).as("requests to the second instance").isEqualTo(5);
    }

    private static WireMockServer start() {
        WireMockServer server = new WireMockServer(options().port(0).bindAddress("127.0.0.1"));
        server.start();
        return server;
    }

    private static String randomSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
