package dev.rapport.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.gateway.support.Backends;
import dev.rapport.gateway.support.GatewayIntegrationTest;
import dev.rapport.gateway.support.MemberTokens;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

/** Request size and rate limits at the edge. */
class EdgeLimitsIT extends GatewayIntegrationTest {

    private static final int ONE_MB = 1024 * 1024;

    @BeforeEach
    void servicesAnswer() {
        Backends.contacts().resetAll();
        Backends.contacts()
                .stubFor(any(urlPathMatching("/api/v1/.*"))
                        .willReturn(aResponse().withStatus(200)));
    }

    @Test
    void bodyLargerThanTheDefaultLimitIsRefusedWith413ProblemBeforeReachingTheService() {
        gateway.post()
                .uri("/api/v1/contacts")
                .headers(h -> h.setBearerAuth(MemberTokens.token(MemberTokens.newMember())))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(filled(ONE_MB + 1))
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(413)
                .jsonPath("$.detail")
                .value(detail -> assertThat(detail.toString()).contains("1 MB"));

        assertThat(Backends.contacts().findAll(anyRequestedFor(urlPathEqualTo("/api/v1/contacts"))))
                .isEmpty();
    }

    @Test
    void chunkedBodyWithoutContentLengthIsCountedAndRefusedWith413() {
        Flux<DataBuffer> chunks =
                Flux.range(0, 20).map(i -> DefaultDataBufferFactory.sharedInstance.wrap(filled(128 * 1024)));

        gateway.post()
                .uri("/api/v1/interactions")
                .headers(h -> h.setBearerAuth(MemberTokens.token(MemberTokens.newMember())))
                .contentType(MediaType.APPLICATION_JSON)
                .body(BodyInserters.fromDataBuffers(chunks))
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);

        assertThat(Backends.contacts().findAll(anyRequestedFor(urlPathEqualTo("/api/v1/interactions"))))
                .isEmpty();
    }

    @Test
    void importsRouteAcceptsBodiesAboveTheDefaultLimit() {
        byte[] csv = filled(3 * ONE_MB);

        gateway.post()
                .uri("/api/v1/imports/linkedin")
                .headers(h -> h.setBearerAuth(MemberTokens.token(MemberTokens.newMember())))
                .contentType(MediaType.parseMediaType("text/csv"))
                .bodyValue(csv)
                .exchange()
                .expectStatus()
                .isOk();

        assertThat(Backends.contacts().findAll(anyRequestedFor(urlPathEqualTo("/api/v1/imports/linkedin"))))
                .singleElement()
                .satisfies(request -> assertThat(request.getBody()).hasSize(csv.length));
    }

    @Test
    void memberOverTheRateLimitGets429ProblemWithRetryAfter() {
        String token = MemberTokens.token(MemberTokens.newMember());
        WebClient client = WebClient.create("http://127.0.0.1:" + port);

        // Concurrent, so that the bucket (40, refilled at 20 a second) runs dry however slow the machine is.
        List<ResponseEntity<String>> answers = Flux.range(0, 150)
                .flatMap(
                        i -> client.get()
                                .uri("/api/v1/network/health")
                                .headers(h -> h.setBearerAuth(token))
                                .exchangeToMono(response -> response.toEntity(String.class)),
                        50)
                .collectList()
                .block(Duration.ofSeconds(60));

        assertThat(answers)
                .extracting(answer -> answer.getStatusCode().value())
                .containsOnly(200, 429)
                .filteredOn(status -> status == 200)
                .hasSizeGreaterThanOrEqualTo(40);
        ResponseEntity<String> limited = answers.stream()
                .filter(answer -> answer.getStatusCode().value() == 429)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no request was limited"));
        assertThat(limited.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(Long.parseLong(limited.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)))
                .isPositive();
        assertThat(limited.getBody()).contains("\"status\":429");

        // Another member is not affected.
        gateway.get()
                .uri("/api/v1/network/health")
                .headers(h -> h.setBearerAuth(MemberTokens.token(MemberTokens.newMember())))
                .exchange()
                .expectStatus()
                .isOk();
    }

    private static byte[] filled(int size) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) 'a');
        return bytes;
    }
}
