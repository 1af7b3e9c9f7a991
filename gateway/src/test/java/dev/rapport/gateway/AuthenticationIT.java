package dev.rapport.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.gateway.support.Backends;
import dev.rapport.gateway.support.GatewayIntegrationTest;
import dev.rapport.gateway.support.MemberTokens;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/** Who gets through the gateway, and what identity the services then see. */
class AuthenticationIT extends GatewayIntegrationTest {

    @BeforeEach
    void servicesAnswer() {
        for (WireMockServer service : List.of(Backends.contacts(), Backends.reminders(), Backends.content())) {
            service.resetAll();
            service.stubFor(any(urlPathMatching("/api/v1/.*"))
                    .willReturn(aResponse()
                            .withStatus(200)
                            .withHeader("Content-Type", "application/json")
                            .withBody("{\"ok\":true}")));
        }
    }

    @Test
    void validTokenReachesTheServiceWithASignedIdentityOfTheMemberTenantAndScopes() {
        String member = MemberTokens.newMember();

        gateway.get()
                .uri("/api/v1/contacts?limit=5")
                .headers(h -> h.setBearerAuth(MemberTokens.token(member)))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.ok")
                .isEqualTo(true);

        IdentityAssertion identity = forwardedIdentity(Backends.contacts(), "/api/v1/contacts");
        assertThat(identity.memberId()).isEqualTo(member);
        assertThat(identity.tenantId()).isEqualTo(MemberTokens.TENANT);
        assertThat(identity.scopes()).containsExactlyInAnyOrder("contacts:write", "reminders:write", "content:write");
        assertThat(identity.expiresAt())
                .isBetween(Instant.now().plusSeconds(50), Instant.now().plusSeconds(61));
    }

    @Test
    void everyApiAreaIsRoutedToItsService() {
        String token = MemberTokens.token(MemberTokens.newMember());
        List<String> contacts = List.of(
                "/api/v1/contacts/42",
                "/api/v1/interactions",
                "/api/v1/goals",
                "/api/v1/groups/7/participations",
                "/api/v1/imports/linkedin",
                "/api/v1/imports/linkedin-messages",
                "/api/v1/sync/calendars",
                "/api/v1/sync/calendars/abc",
                "/api/v1/network/health");
        List<String> reminders = List.of(
                "/api/v1/reminders",
                "/api/v1/digest/today",
                "/api/v1/routines",
                "/api/v1/calendar.ics",
                "/api/v1/calendar/feed",
                "/api/v1/me/notification-settings");
        List<String> content = List.of("/api/v1/content/plan", "/api/v1/content/items/3");

        contacts.forEach(path -> getOk(path, token));
        reminders.forEach(path -> getOk(path, token));
        content.forEach(path -> getOk(path, token));

        assertThat(requestedPaths(Backends.contacts())).containsExactlyInAnyOrderElementsOf(contacts);
        assertThat(requestedPaths(Backends.reminders())).containsExactlyInAnyOrderElementsOf(reminders);
        assertThat(requestedPaths(Backends.content())).containsExactlyInAnyOrderElementsOf(content);
    }

    @Test
    void identityHeadersSentByTheClientAreRemovedAndTheForgedIdentityReplaced() {
        String member = MemberTokens.newMember();
        String forged = new IdentityAssertion(
                        "someone-else",
                        "alumni",
                        Set.of("contacts:write"),
                        Instant.now().plusSeconds(60))
                .encode(identitySecret(), "GET", "/api/v1/goals");

        gateway.get()
                .uri("/api/v1/goals")
                .headers(h -> {
                    h.setBearerAuth(MemberTokens.token(member));
                    h.set(IdentityAssertion.HEADER, forged);
                    h.set("x-rapport-member", "someone-else");
                    h.set("X-RAPPORT-TENANT", "other-tenant");
                })
                .exchange()
                .expectStatus()
                .isOk();

        LoggedRequest received = onlyRequest(Backends.contacts(), "/api/v1/goals");
        assertThat(received.getHeaders().getHeader(IdentityAssertion.HEADER).values())
                .hasSize(1)
                .doesNotContain(forged);
        assertThat(forwardedIdentity(Backends.contacts(), "/api/v1/goals").memberId())
                .isEqualTo(member);
        assertThat(received.getHeaders().keys())
                .filteredOn(name -> name.toLowerCase(Locale.ROOT).startsWith("x-rapport-"))
                .containsExactly(IdentityAssertion.HEADER);
    }

    @Test
    void forwardedIdentityIsBoundToTheRequestItWasMadeForAndWorthlessForAnyOther() {
        String member = MemberTokens.newMember();

        gateway.get()
                .uri("/api/v1/goals?limit=5")
                .headers(h -> h.setBearerAuth(MemberTokens.token(member)))
                .exchange()
                .expectStatus()
                .isOk();

        String header = onlyRequest(Backends.contacts(), "/api/v1/goals").getHeader(IdentityAssertion.HEADER);
        assertThat(IdentityAssertion.verify(header, "GET", "/api/v1/goals", identitySecret(), Clock.systemUTC()))
                .hasValueSatisfying(identity -> assertThat(identity.memberId()).isEqualTo(member));
        // Replayed within its minute to another method, endpoint or service: refused.
        assertThat(IdentityAssertion.verify(header, "DELETE", "/api/v1/goals", identitySecret(), Clock.systemUTC()))
                .isEmpty();
        assertThat(IdentityAssertion.verify(header, "GET", "/api/v1/contacts", identitySecret(), Clock.systemUTC()))
                .isEmpty();
        assertThat(IdentityAssertion.verify(header, "GET", "/api/v1/reminders", identitySecret(), Clock.systemUTC()))
                .isEmpty();
    }

    @Test
    void clientForwardedHeadersAndTheBearerTokenAreNotPassedToTheService() {
        gateway.get()
                .uri("/api/v1/network/health")
                .headers(h -> {
                    h.setBearerAuth(MemberTokens.token(MemberTokens.newMember()));
                    h.set("X-Forwarded-For", "10.6.6.6");
                    h.set("X-Forwarded-Host", "evil.example");
                    h.set("Forwarded", "for=10.6.6.6;host=evil.example");
                })
                .exchange()
                .expectStatus()
                .isOk();

        Backends.contacts()
                .verify(anyRequestedFor(urlPathEqualTo("/api/v1/network/health"))
                        .withHeader("X-Forwarded-For", absent())
                        .withHeader("X-Forwarded-Host", absent())
                        .withHeader("Forwarded", absent())
                        .withHeader(HttpHeaders.AUTHORIZATION, absent()));
    }

    @Test
    void requestWithoutTokenIsRefusedWith401ProblemAndABearerChallenge() {
        gateway.get()
                .uri("/api/v1/contacts")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .value(
                        HttpHeaders.WWW_AUTHENTICATE,
                        challenge -> assertThat(challenge).startsWith("Bearer"))
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("about:blank")
                .jsonPath("$.title")
                .isEqualTo("Unauthorized")
                .jsonPath("$.status")
                .isEqualTo(401)
                .jsonPath("$.detail")
                .isNotEmpty()
                .jsonPath("$.instance")
                .isEqualTo("/api/v1/contacts");

        assertThat(Backends.contacts().getAllServeEvents()).isEmpty();
    }

    static Stream<Arguments> refusedTokens() {
        String member = MemberTokens.newMember();
        return Stream.of(
                Arguments.of(
                        "expired",
                        MemberTokens.token(
                                member,
                                claims -> claims.expirationTime(
                                        Date.from(Instant.now().minus(Duration.ofMinutes(5)))))),
                Arguments.of("without expiry", MemberTokens.token(member, claims -> claims.expirationTime(null))),
                Arguments.of("tampered payload", MemberTokens.tamperedToken(member, "member-impostor")),
                Arguments.of("signed by an unknown key", MemberTokens.tokenSignedByStranger(member)),
                Arguments.of("alg none", MemberTokens.unsignedToken(member)),
                Arguments.of(
                        "wrong issuer", MemberTokens.token(member, claims -> claims.issuer("https://evil.example"))),
                Arguments.of("wrong audience", MemberTokens.token(member, claims -> claims.audience("other-api"))),
                Arguments.of("without tenant", MemberTokens.token(member, claims -> claims.claim("tenant", null))),
                Arguments.of("malformed member", MemberTokens.token(member, claims -> claims.subject("a|b"))),
                Arguments.of("not a JWT", "not-a-token"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedTokens")
    void invalidTokenIsRefusedWith401AndNeverReachesTheService(String why, String token) {
        gateway.get()
                .uri("/api/v1/contacts")
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .value(
                        HttpHeaders.WWW_AUTHENTICATE,
                        challenge -> assertThat(challenge).contains("error=\"invalid_token\""))
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(401);

        assertThat(Backends.contacts().getAllServeEvents()).isEmpty();
    }

    @Test
    void tokenWithoutTheRoutesAreaIsRefusedWith403Problem() {
        gateway.get()
                .uri("/api/v1/content/plan")
                .headers(h -> h.setBearerAuth(
                        MemberTokens.tokenWithScope(MemberTokens.newMember(), "contacts:write reminders:read")))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .value(
                        HttpHeaders.WWW_AUTHENTICATE,
                        challenge -> assertThat(challenge)
                                .contains("error=\"insufficient_scope\"")
                                .contains("scope=\"content:read\""))
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(403)
                .jsonPath("$.detail")
                .value(detail -> assertThat(detail.toString()).contains("content:read"));

        assertThat(Backends.content().getAllServeEvents()).isEmpty();
    }

    @Test
    void readScopeAllowsGetAndHeadButNotWrites() {
        String token = MemberTokens.tokenWithScope(MemberTokens.newMember(), "reminders:read");

        gateway.get()
                .uri("/api/v1/reminders")
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isOk();
        gateway.method(HttpMethod.HEAD)
                .uri("/api/v1/reminders")
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isOk();
        gateway.post()
                .uri("/api/v1/reminders")
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"title\":\"call Ana\"}")
                .exchange()
                .expectStatus()
                .isForbidden();
        gateway.delete()
                .uri("/api/v1/reminders/1")
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void refusedRequestWithAnUnreadBodyClosesTheConnectionSoTheNextRequestIsNotStuckBehindIt() {
        gateway.post()
                .uri("/api/v1/reminders")
                .headers(h -> h.setBearerAuth(MemberTokens.tokenWithScope(MemberTokens.newMember(), "reminders:read")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"title\":\"call Ana\"}")
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .valueEquals(HttpHeaders.CONNECTION, "close");
        gateway.post()
                .uri("/api/v1/reminders")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"title\":\"call Ana\"}")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueEquals(HttpHeaders.CONNECTION, "close");
        // Requests without a body keep their connection.
        gateway.delete()
                .uri("/api/v1/reminders/1")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .doesNotExist(HttpHeaders.CONNECTION);
    }

    @Test
    void writeScopeAllowsReadsAndWritesOfItsArea() {
        String token = MemberTokens.tokenWithScope(MemberTokens.newMember(), "contacts:write");

        gateway.patch()
                .uri("/api/v1/contacts/42")
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"tier\":\"close\"}")
                .exchange()
                .expectStatus()
                .isOk();
        gateway.get()
                .uri("/api/v1/contacts/42")
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isOk();

        assertThat(forwardedIdentities(Backends.contacts(), "/api/v1/contacts/42"))
                .allSatisfy(identity -> assertThat(identity.scopes()).containsExactly("contacts:write"));
    }

    @Test
    void pathsOutsideThePublicApiAreRefused() {
        String token = MemberTokens.token(MemberTokens.newMember());
        gateway.get().uri("/fallback").exchange().expectStatus().isUnauthorized();
        gateway.get()
                .uri("/fallback")
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        gateway.get()
                .uri("/api/v2/contacts")
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private void getOk(String path, String token) {
        gateway.get()
                .uri(path)
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isOk();
    }

    private static List<String> requestedPaths(WireMockServer service) {
        return service.getAllServeEvents().stream()
                .map(event -> event.getRequest().getUrl())
                .toList();
    }

    private static LoggedRequest onlyRequest(WireMockServer service, String path) {
        List<LoggedRequest> requests = service.findAll(anyRequestedFor(urlPathEqualTo(path)));
        assertThat(requests).hasSize(1);
        return requests.getFirst();
    }

    private static IdentityAssertion forwardedIdentity(WireMockServer service, String path) {
        return forwardedIdentities(service, path).getFirst();
    }

    private static List<IdentityAssertion> forwardedIdentities(WireMockServer service, String path) {
        List<LoggedRequest> requests = service.findAll(
                anyRequestedFor(urlPathEqualTo(path)).withHeader(IdentityAssertion.HEADER, matching(".+")));
        assertThat(requests).isNotEmpty();
        return requests.stream()
                .map(request -> IdentityAssertion.verify(
                                request.getHeader(IdentityAssertion.HEADER),
                                request.getMethod().value(),
                                URI.create(request.getUrl()).getRawPath(),
                                identitySecret(),
                                Clock.systemUTC())
                        .orElseThrow(() -> new AssertionError("the service would refuse the forwarded identity")))
                .toList();
    }
}
