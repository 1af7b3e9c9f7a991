package dev.rapport.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.rapport.gateway.support.Backends;
import dev.rapport.gateway.support.GatewayIntegrationTest;
import dev.rapport.gateway.support.MemberTokens;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/** What a client sees when a service is down, slow or flaky. */
class ResilienceIT extends GatewayIntegrationTest {

    @Test
    void serviceDownIsAnswered503ProblemAndTheRouteRecoversOnceItIsBack() {
        String token = MemberTokens.token(MemberTokens.newMember());
        Backends.reminders().resetAll();
        Backends.contacts().resetAll();
        Backends.contacts()
                .stubFor(any(urlPathMatching("/api/v1/.*"))
                        .willReturn(aResponse().withStatus(200)));
        Backends.stopReminders();
        try {
            gateway.get()
                    .uri("/api/v1/digest/today")
                    .headers(h -> h.setBearerAuth(token))
                    .exchange()
                    .expectStatus()
                    .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader()
                    .exists("X-Request-Id")
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo(503)
                    .jsonPath("$.detail")
                    .isEqualTo("reminders-service is unavailable")
                    .jsonPath("$.instance")
                    .isEqualTo("/api/v1/digest/today");

            // Repeated failures open the route's circuit: answered at once, with a hint when to come back.
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> gateway.get()
                            .uri("/api/v1/digest/today")
                            .headers(h -> h.setBearerAuth(token))
                            .exchange()
                            .expectStatus()
                            .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                            .expectHeader()
                            .exists(HttpHeaders.RETRY_AFTER));

            // The other routes have their own circuits and keep working.
            gateway.get()
                    .uri("/api/v1/contacts")
                    .headers(h -> h.setBearerAuth(token))
                    .exchange()
                    .expectStatus()
                    .isOk();
        } finally {
            WireMockServer reminders = Backends.restartReminders();
            reminders.stubFor(get(urlPathEqualTo("/api/v1/digest/today"))
                    .willReturn(aResponse()
                            .withStatus(200)
                            .withHeader("Content-Type", "application/json")
                            .withBody("{\"items\":[]}")));
        }

        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> gateway.get()
                        .uri("/api/v1/digest/today")
                        .headers(h -> h.setBearerAuth(token))
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .jsonPath("$.items")
                        .isArray());
    }

    @Test
    void slowServiceIsAnswered504ProblemAfterTheResponseTimeout() {
        Backends.content().resetAll();
        Backends.content()
                .stubFor(get(urlPathEqualTo("/api/v1/content/consistency"))
                        .willReturn(aResponse().withStatus(200).withFixedDelay((int)
                                RESPONSE_TIMEOUT.plusSeconds(3).toMillis())));

        EntityExchangeResult<byte[]> result = gateway.get()
                .uri("/api/v1/content/consistency")
                .headers(h -> h.setBearerAuth(MemberTokens.token(MemberTokens.newMember())))
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.GATEWAY_TIMEOUT)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("content-service did not answer in time")
                .returnResult();

        assertThat(result.getStatus().value()).isEqualTo(504);
    }

    @Test
    void anImportTheServiceAnswersAfterTheDefaultResponseTimeoutIsNotCutOff() {
        Backends.contacts().resetAll();
        Backends.contacts()
                .stubFor(post(urlPathEqualTo("/api/v1/imports/linkedin"))
                        .willReturn(aResponse()
                                .withStatus(202)
                                .withHeader("Location", "/api/v1/imports/jobs/j1")
                                .withHeader("Content-Type", "application/json")
                                .withBody("{\"id\":\"j1\",\"state\":\"queued\"}")
                                .withFixedDelay(
                                        (int) RESPONSE_TIMEOUT.plusSeconds(3).toMillis())));

        gateway.post()
                .uri("/api/v1/imports/linkedin")
                .headers(h -> h.setBearerAuth(MemberTokens.token(MemberTokens.newMember())))
                .contentType(MediaType.parseMediaType("text/csv"))
                .bodyValue("First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.ACCEPTED)
                .expectHeader()
                .valueEquals(HttpHeaders.LOCATION, "/api/v1/imports/jobs/j1");
    }

    @Test
    void theNetworkViewTheServiceAnswersAfterTheDefaultResponseTimeoutIsNotCutOff() {
        Backends.contacts().resetAll();
        Backends.contacts()
                .stubFor(get(urlPathEqualTo("/api/v1/network/health"))
                        .willReturn(aResponse()
                                .withStatus(200)
                                .withHeader("Content-Type", "application/json")
                                .withBody("{\"contacts\":30000}")
                                .withFixedDelay(
                                        (int) RESPONSE_TIMEOUT.plusSeconds(3).toMillis())));

        gateway.get()
                .uri("/api/v1/network/health")
                .headers(h -> h.setBearerAuth(MemberTokens.token(MemberTokens.newMember())))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.contacts")
                .isEqualTo(30000);
    }

    @Test
    void getIsRetriedWhenTheServiceAnswers502() {
        Backends.contacts().resetAll();
        Backends.contacts()
                .stubFor(get(urlPathEqualTo("/api/v1/goals"))
                        .inScenario("flaky")
                        .whenScenarioStateIs(STARTED)
                        .willReturn(aResponse().withStatus(502))
                        .willSetStateTo("recovered"));
        Backends.contacts()
                .stubFor(get(urlPathEqualTo("/api/v1/goals"))
                        .inScenario("flaky")
                        .whenScenarioStateIs("recovered")
                        .willReturn(aResponse().withStatus(200).withBody("[]")));

        gateway.get()
                .uri("/api/v1/goals")
                .headers(h -> h.setBearerAuth(MemberTokens.token(MemberTokens.newMember())))
                .exchange()
                .expectStatus()
                .isOk();

        assertThat(Backends.contacts().findAll(anyRequestedFor(urlPathEqualTo("/api/v1/goals"))))
                .hasSize(2);
    }

    @Test
    void writesAndOtherServerErrorsAreNeverRetried() {
        Backends.contacts().resetAll();
        // A service's 503 is its considered answer (its store is down): retried, it took three times as long.
        Backends.contacts()
                .stubFor(get(urlPathEqualTo("/api/v1/goals"))
                        .willReturn(aResponse().withStatus(503)));
        Backends.contacts()
                .stubFor(post(urlPathEqualTo("/api/v1/interactions"))
                        .willReturn(aResponse().withStatus(503)));
        Backends.contacts()
                .stubFor(get(urlPathEqualTo("/api/v1/groups"))
                        .willReturn(aResponse().withStatus(500)));
        String token = MemberTokens.token(MemberTokens.newMember());

        gateway.post()
                .uri("/api/v1/interactions")
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"type\":\"call\"}")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        gateway.get()
                .uri("/api/v1/groups")
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);

        assertThat(Backends.contacts().findAll(anyRequestedFor(urlPathEqualTo("/api/v1/interactions"))))
                .hasSize(1);
        assertThat(Backends.contacts().findAll(anyRequestedFor(urlPathEqualTo("/api/v1/groups"))))
                .hasSize(1);
        gateway.get()
                .uri("/api/v1/goals")
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(Backends.contacts().findAll(anyRequestedFor(urlPathEqualTo("/api/v1/goals"))))
                .hasSize(1);
    }
}
