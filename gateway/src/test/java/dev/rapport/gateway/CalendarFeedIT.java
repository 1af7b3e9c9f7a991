package dev.rapport.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.gateway.support.Backends;
import dev.rapport.gateway.support.GatewayIntegrationTest;
import dev.rapport.gateway.support.MemberTokens;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/** The secret calendar feed: public at the gateway, the token in the path being the only credential. */
class CalendarFeedIT extends GatewayIntegrationTest {

    /** The shape of reminders-service's feed tokens: 43 URL-safe characters. */
    private static final String TOKEN = "Xb3kP9_q-2mZ7vR1tY8wL0aS5dF6gH4jK2nB9cV3xQ1";

    @BeforeEach
    void remindersServeFeeds() {
        Backends.reminders().resetAll();
        Backends.reminders()
                .stubFor(any(urlPathMatching("/(feeds|api)/.*"))
                        .willReturn(aResponse()
                                .withStatus(200)
                                .withHeader("Content-Type", "text/calendar")
                                .withBody("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")));
    }

    @Test
    void feedIsServedWithoutCredentialsFromTheServicesFeedPathWithoutAnyIdentity() {
        gateway.get()
                .uri("/api/v1/calendar/" + TOKEN + ".ics")
                .header(IdentityAssertion.HEADER, "v1.forged.forged")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType("text/calendar")
                .expectBody(String.class)
                .value(body -> assertThat(body).startsWith("BEGIN:VCALENDAR"));
        gateway.method(HttpMethod.HEAD)
                .uri("/api/v1/calendar/" + TOKEN + ".ics")
                .exchange()
                .expectStatus()
                .isOk();

        List<LoggedRequest> received =
                Backends.reminders().findAll(anyRequestedFor(urlPathEqualTo("/feeds/calendar/" + TOKEN + ".ics")));
        assertThat(received).hasSize(2);
        assertThat(received).allSatisfy(request -> {
            assertThat(request.containsHeader(IdentityAssertion.HEADER)).isFalse();
            assertThat(request.containsHeader(HttpHeaders.AUTHORIZATION)).isFalse();
        });
    }

    @Test
    void theAuthenticatedCalendarAndFeedManagementStillNeedCredentials() {
        for (String path : List.of("/api/v1/calendar.ics", "/api/v1/calendar/feed")) {
            gateway.get().uri(path).exchange().expectStatus().isUnauthorized();
        }
        gateway.post()
                .uri("/api/v1/calendar/" + TOKEN + ".ics")
                .exchange()
                .expectStatus()
                .isUnauthorized();

        String token = MemberTokens.token(MemberTokens.newMember());
        gateway.get()
                .uri("/api/v1/calendar/feed")
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isOk();
        assertThat(Backends.reminders().findAll(anyRequestedFor(urlPathEqualTo("/api/v1/calendar/feed"))))
                .singleElement()
                .satisfies(request -> assertThat(request.containsHeader(IdentityAssertion.HEADER))
                        .isTrue());
    }

    @Test
    void feedTokenWithCharactersOutsideTheTokenAlphabetIsNotPublic() {
        gateway.get()
                .uri("/api/v1/calendar/not.a.token.ics")
                .exchange()
                .expectStatus()
                .isUnauthorized();

        assertThat(Backends.reminders().getAllServeEvents()).isEmpty();
    }

    @Test
    void oneAddressOverTheFeedLimitGets429WithRetryAfterWhileAnotherAddressIsServed() {
        WebClient greedy = clientFrom("127.0.0.2");

        List<ResponseSnapshot> answers = Flux.range(0, 80)
                .flatMap(
                        i -> greedy.get()
                                .uri("/api/v1/calendar/" + TOKEN + ".ics")
                                .exchangeToMono(response -> response.releaseBody()
                                        .thenReturn(new ResponseSnapshot(
                                                response.statusCode().value(),
                                                response.headers()
                                                        .asHttpHeaders()
                                                        .getFirst(HttpHeaders.RETRY_AFTER)))),
                        40)
                .collectList()
                .block(Duration.ofSeconds(60));

        assertThat(answers)
                .extracting(ResponseSnapshot::status)
                .containsOnly(200, 429)
                .contains(429);
        assertThat(answers)
                .filteredOn(answer -> answer.status() == 429)
                .allSatisfy(answer ->
                        assertThat(Long.parseLong(answer.retryAfter())).isPositive());

        Integer other = clientFrom("127.0.0.3")
                .get()
                .uri("/api/v1/calendar/" + TOKEN + ".ics")
                .exchangeToMono(response -> Mono.just(response.statusCode().value()))
                .block(Duration.ofSeconds(30));
        assertThat(other).isEqualTo(200);
    }

    private WebClient clientFrom(String address) {
        HttpClient http = HttpClient.create().bindAddress(() -> new InetSocketAddress(address, 0));
        return WebClient.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .clientConnector(new ReactorClientHttpConnector(http))
                .build();
    }

    record ResponseSnapshot(int status, String retryAfter) {}
}
