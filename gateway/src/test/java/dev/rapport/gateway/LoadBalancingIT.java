package dev.rapport.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.rapport.gateway.support.Backends;
import dev.rapport.gateway.support.MemberTokens;
import dev.rapport.testkit.TestInfrastructure;
import java.io.IOException;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * With two instances of a service ({@code ./rapport run --instances 2}), the launcher gives the gateway
 * {@code lb://<service>} as the service's URL and both instances as a static list (Spring Cloud Commons' simple
 * discovery client): the gateway's requests alternate between them (Spring Cloud LoadBalancer's round robin), an
 * instance whose readiness ({@code /readyz} on its main port) fails gets none until it passes again, and a write
 * whose connection an instance refuses (it died) is sent to the other one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LoadBalancingIT {

    private static final WireMockServer FIRST = start();
    private static final WireMockServer SECOND = start();
    /** reminders-service: one instance that answers, and one that refuses every connection (it died). */
    private static final WireMockServer ALIVE = start();

    private static final int DEAD_PORT = closedPort();
    private static final String IDENTITY_SECRET = randomSecret();

    @LocalServerPort
    int port;

    WebTestClient gateway;
    String token;

    @DynamicPropertySource
    static void twoInstancesPerService(DynamicPropertyRegistry registry) {
        registry.add("RAPPORT_IDENTITY_SECRET", () -> IDENTITY_SECRET);
        registry.add("RAPPORT_JWT_PUBLIC_KEY", () -> MemberTokens.publicKeyPem().toString());
        // As RunningPlatform.environment gives them to the gateway with --instances 2.
        registry.add("RAPPORT_CONTACTS_URL", () -> "lb://contacts-service");
        registry.add("spring.cloud.discovery.client.simple.instances.contacts-service[0].uri", FIRST::baseUrl);
        registry.add("spring.cloud.discovery.client.simple.instances.contacts-service[1].uri", SECOND::baseUrl);
        registry.add("RAPPORT_REMINDERS_URL", () -> "lb://reminders-service");
        registry.add("spring.cloud.discovery.client.simple.instances.reminders-service[0].uri", ALIVE::baseUrl);
        registry.add(
                "spring.cloud.discovery.client.simple.instances.reminders-service[1].uri",
                () -> "http://127.0.0.1:" + DEAD_PORT);
        // The dead instance stays on the list (as between a kill and the next health check) for the retry test.
        registry.add("spring.cloud.loadbalancer.clients.reminders-service.configurations", () -> "default");
        registry.add("RAPPORT_CONTENT_URL", () -> Backends.content().baseUrl());
        registry.add("RAPPORT_GATEWAY_INSTANCE_CHECK_INTERVAL", () -> "300ms");
        registry.add("management.server.port", () -> "0");
        registry.add("RAPPORT_MONGO_URI", () -> TestInfrastructure.endpoints().mongoUri());
    }

    @BeforeEach
    void bothContactsInstancesReady() {
        gateway = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .build();
        token = MemberTokens.token(MemberTokens.newMember());
        for (WireMockServer instance : new WireMockServer[] {FIRST, SECOND}) {
            ready(instance, 200);
            instance.stubFor(get(urlPathEqualTo("/api/v1/contacts"))
                    .willReturn(aResponse()
                            .withStatus(200)
                            .withHeader("Content-Type", "application/json")
                            .withBody("{\"items\":[],\"total\":0}")));
        }
        // Both on the balancer's list again: two requests in a row reach both.
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    resetRequests();
                    return tryListContacts() && tryListContacts() && requestsTo(FIRST) == 1 && requestsTo(SECOND) == 1;
                });
        resetRequests();
    }

    @AfterAll
    static void stopInstances() {
        FIRST.stop();
        SECOND.stop();
        ALIVE.stop();
    }

    @Test
    void requestsToAServiceWithTwoInstancesAreSharedBetweenThem() {
        for (int i = 0; i < 10; i++) {
            listContacts();
        }

        // Round robin over the list of healthy instances; each health-check round lists them in the order their
        // checks answered, so a new round may give one instance two requests in a row: shared, not strictly 5 and 5.
        assertThat(requestsTo(FIRST) + requestsTo(SECOND)).isEqualTo(10);
        assertThat(requestsTo(FIRST)).as("requests to the first instance").isBetween(3, 7);
        assertThat(requestsTo(SECOND)).as("requests to the second instance").isBetween(3, 7);
    }

    @Test
    void anInstanceWhoseReadinessFailsGetsNoRequestsUntilItPassesAgain() {
        ready(SECOND, 503);
        try {
            // Within about one health-check interval, every request goes to the first instance.
            await().atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        resetRequests();
                        return tryListContacts() && tryListContacts() && requestsTo(FIRST) == 2;
                    });
            resetRequests();
            for (int i = 0; i < 10; i++) {
                listContacts();
            }
            assertThat(requestsTo(FIRST)).isEqualTo(10);
            assertThat(requestsTo(SECOND))
                    .as("requests to the instance that is not ready")
                    .isZero();
        } finally {
            ready(SECOND, 200);
        }
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    tryListContacts();
                    return requestsTo(SECOND) > 0;
                });
    }

    @Test
    void aWriteWhoseConnectionAnInstanceRefusesIsSentToTheOtherInstance() {
        ALIVE.resetAll();
        ALIVE.stubFor(post(urlPathEqualTo("/api/v1/reminders"))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"r1\"}")));

        for (int i = 0; i < 10; i++) {
            gateway.post()
                    .uri("/api/v1/reminders")
                    .headers(h -> h.setBearerAuth(token))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"title\":\"call Ana\",\"dueOn\":\"2030-01-10\",\"n\":" + i + "}")
                    .exchange()
                    .expectStatus()
                    .isCreated();
        }

        // Every write reached the live instance exactly once, with its body (the refused attempt sent nothing).
        assertThat(ALIVE.findAll(postRequestedFor(urlPathEqualTo("/api/v1/reminders"))))
                .hasSize(10)
                .extracting(request -> request.getBodyAsString())
                .doesNotHaveDuplicates()
                .allSatisfy(body -> assertThat(body).startsWith("{\"title\":\"call Ana\""));
    }

    @Test
    void theMemberExportReachesServicesWithTwoInstancesThroughTheBalancer() {
        for (WireMockServer instance : new WireMockServer[] {FIRST, SECOND}) {
            instance.stubFor(get(urlPathEqualTo("/api/v1/me/export")).willReturn(json("{\"contacts\":[]}")));
        }
        ALIVE.stubFor(get(urlPathEqualTo("/api/v1/me/export")).willReturn(json("{\"reminders\":[]}")));
        Backends.content().stubFor(get(urlPathEqualTo("/api/v1/me/export")).willReturn(json("{\"items\":[]}")));

        for (int i = 0; i < 4; i++) {
            gateway.get()
                    .uri("/api/v1/me/export")
                    .headers(h -> h.setBearerAuth(token))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.contacts.contacts")
                    .isArray()
                    .jsonPath("$.reminders.reminders")
                    .isArray()
                    .jsonPath("$.content.items")
                    .isArray();
        }
        // Both contacts instances served a part; the refused connections of reminders-service's dead one were retried.
        assertThat(FIRST.findAll(getRequestedFor(urlPathEqualTo("/api/v1/me/export"))))
                .isNotEmpty();
        assertThat(SECOND.findAll(getRequestedFor(urlPathEqualTo("/api/v1/me/export"))))
                .isNotEmpty();
        assertThat(ALIVE.findAll(getRequestedFor(urlPathEqualTo("/api/v1/me/export"))))
                .hasSize(4);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    /** Lists contacts through the gateway; answers whether that succeeded (for conditions polled until they hold). */
    private boolean tryListContacts() {
        return gateway.get()
                .uri("/api/v1/contacts")
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .returnResult(String.class)
                .getStatus()
                .is2xxSuccessful();
    }

    private void listContacts() {
        gateway.get()
                .uri("/api/v1/contacts")
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isOk();
    }

    private static int requestsTo(WireMockServer instance) {
        return instance.findAll(getRequestedFor(urlPathEqualTo("/api/v1/contacts")))
                .size();
    }

    private static void resetRequests() {
        FIRST.resetRequests();
        SECOND.resetRequests();
    }

    private static void ready(WireMockServer instance, int status) {
        instance.stubFor(get(urlPathEqualTo("/readyz"))
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/json")
                        .withBody(status == 200 ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}")));
    }

    private static WireMockServer start() {
        WireMockServer server = new WireMockServer(options().port(0).bindAddress("127.0.0.1"));
        server.start();
        // Ready from the start: the balancer checks each instance as soon as the gateway first routes to it.
        ready(server, 200);
        return server;
    }

    /** A loopback port nothing listens on: connections to it are refused at once. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String randomSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
