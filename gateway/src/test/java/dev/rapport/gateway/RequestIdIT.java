package dev.rapport.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rapport.gateway.support.Backends;
import dev.rapport.gateway.support.GatewayIntegrationTest;
import dev.rapport.gateway.support.MemberTokens;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The X-Request-Id that ties a client's request to the services' and the gateway's log lines. */
@ExtendWith(OutputCaptureExtension.class)
class RequestIdIT extends GatewayIntegrationTest {

    private static final String REQUEST_ID = "X-Request-Id";

    @BeforeEach
    void servicesAnswer() {
        Backends.content().resetAll();
        Backends.content()
                .stubFor(any(urlPathMatching("/api/v1/.*"))
                        .willReturn(aResponse().withStatus(200)));
    }

    @Test
    void wellFormedClientRequestIdIsPassedToTheServiceAndReturned() {
        String id = "portal-" + UUID.randomUUID();

        gateway.get()
                .uri("/api/v1/content/plan")
                .headers(h -> {
                    h.setBearerAuth(MemberTokens.token(MemberTokens.newMember()));
                    h.set(REQUEST_ID, id);
                })
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(REQUEST_ID, id);

        Backends.content()
                .verify(anyRequestedFor(urlPathEqualTo("/api/v1/content/plan")).withHeader(REQUEST_ID, equalTo(id)));
    }

    @Test
    void missingOrMalformedRequestIdIsReplacedByAGeneratedOneSentToTheService() {
        String malformed = "<script>alert(1)</script>";

        String generated = gateway.get()
                .uri("/api/v1/content/items")
                .headers(h -> {
                    h.setBearerAuth(MemberTokens.token(MemberTokens.newMember()));
                    h.set(REQUEST_ID, malformed);
                })
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(Void.class)
                .getResponseHeaders()
                .getFirst(REQUEST_ID);

        assertThat(generated).isNotEqualTo(malformed);
        assertThat(UUID.fromString(generated)).isNotNull();
        Backends.content()
                .verify(anyRequestedFor(urlPathEqualTo("/api/v1/content/items"))
                        .withHeader(REQUEST_ID, equalTo(generated)));

        gateway.get()
                .uri("/api/v1/content/items")
                .headers(h -> h.setBearerAuth(MemberTokens.token(MemberTokens.newMember())))
                .exchange()
                .expectHeader()
                .value(REQUEST_ID, id -> assertThat(UUID.fromString(id)).isNotNull());
    }

    @Test
    void errorAnswersOfTheGatewayCarryTheRequestIdToo() {
        gateway.get()
                .uri("/api/v1/content/plan")
                .header(REQUEST_ID, "unauthenticated-1")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueEquals(REQUEST_ID, "unauthenticated-1");
    }

    @Test
    void gatewayLogLinesAboutTheRequestAreStructuredAndCarryTheRequestId(CapturedOutput output) {
        String id = "trace-" + UUID.randomUUID();

        gateway.get()
                .uri("/api/v1/content/calendar")
                .headers(h -> {
                    h.setBearerAuth(MemberTokens.token(MemberTokens.newMember()));
                    h.set(REQUEST_ID, id);
                })
                .exchange()
                .expectStatus()
                .isOk();

        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(output.getOut().lines())
                        .filteredOn(line -> line.contains("/api/v1/content/calendar -> 200"))
                        .singleElement()
                        .satisfies(line -> assertThat(line)
                                .startsWith("{")
                                .contains("\"requestId\":\"" + id + "\"")
                                .contains("\"service\":{\"name\":\"gateway\"")));
    }
}
