package dev.rapport.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.gateway.support.Backends;
import dev.rapport.gateway.support.GatewayIntegrationTest;
import dev.rapport.gateway.support.MemberTokens;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The member's data rights at the edge: the export composed from every service, and erasure routed to contacts. */
class MemberDataRightsIT extends GatewayIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String member = MemberTokens.newMember();

    @BeforeEach
    void servicesExport() {
        stubExport(Backends.contacts(), "{\"contacts\":[{\"id\":\"c1\",\"firstName\":\"Ana\"}],\"goals\":[]}");
        stubExport(Backends.reminders(), "{\"reminders\":[{\"id\":\"r1\",\"kind\":\"follow-up\"}]}");
        stubExport(Backends.content(), "{\"plan\":{\"timeZone\":\"Europe/Madrid\"},\"items\":[]}");
    }

    @Test
    void exportMergesEveryServicesPartCalledWithTheMembersSignedIdentity() {
        byte[] body = gateway.get()
                .uri("/api/v1/me/export")
                .headers(h -> h.setBearerAuth(MemberTokens.token(member)))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType(MediaType.APPLICATION_JSON)
                .expectHeader()
                .value(
                        HttpHeaders.CONTENT_DISPOSITION,
                        disposition ->
                                assertThat(disposition).startsWith("attachment").contains("rapport-export-"))
                .expectBody()
                .returnResult()
                .getResponseBody();

        JsonNode export = JSON.readTree(body);
        assertThat(export.path("member").path("id").asString()).isEqualTo(member);
        assertThat(export.path("member").path("tenantId").asString()).isEqualTo(MemberTokens.TENANT);
        assertThat(Instant.parse(export.path("exportedAt").asString()))
                .isBefore(Instant.now().plusSeconds(1));
        assertThat(export.path("contacts")
                        .path("contacts")
                        .get(0)
                        .path("firstName")
                        .asString())
                .isEqualTo("Ana");
        assertThat(export.path("reminders")
                        .path("reminders")
                        .get(0)
                        .path("kind")
                        .asString())
                .isEqualTo("follow-up");
        assertThat(export.path("content").path("plan").path("timeZone").asString())
                .isEqualTo("Europe/Madrid");

        for (WireMockServer service : List.of(Backends.contacts(), Backends.reminders(), Backends.content())) {
            List<LoggedRequest> calls = service.findAll(getRequestedFor(urlPathEqualTo("/api/v1/me/export")));
            assertThat(calls).hasSize(1);
            IdentityAssertion identity = IdentityAssertion.verify(
                            calls.getFirst().getHeader(IdentityAssertion.HEADER),
                            "GET",
                            "/api/v1/me/export",
                            identitySecret(),
                            Clock.systemUTC())
                    .orElseThrow(() -> new AssertionError("the service would refuse the identity"));
            assertThat(identity.memberId()).isEqualTo(member);
            assertThat(calls.getFirst().getHeader("X-Request-Id")).isNotBlank();
            assertThat(calls.getFirst().containsHeader(HttpHeaders.AUTHORIZATION))
                    .isFalse();
        }
    }

    @Test
    void exportWaitsForASlowPartToBeginAndStreamsItThroughAsTheServiceWritesItInsteadOfHoldingIt() {
        StringBuilder contacts = new StringBuilder("{\"contacts\":[");
        for (int i = 0; i < 2_000; i++) {
            contacts.append(i == 0 ? "" : ",").append("{\"id\":\"c").append(i).append("\",\"firstName\":\"Ana\"}");
        }
        contacts.append("]}");
        Backends.contacts().resetAll();
        Backends.contacts()
                .stubFor(get(urlPathEqualTo("/api/v1/me/export"))
                        .willReturn(aResponse()
                                .withStatus(200)
                                .withHeader("Content-Type", "application/json")
                                .withBody(contacts.toString())
                                // The service begins later than a route's response timeout (its first read of the
                                // store queued behind other work) and writes its part over four seconds.
                                .withFixedDelay(
                                        (int) RESPONSE_TIMEOUT.plusSeconds(1).toMillis())
                                .withChunkedDribbleDelay(4, 4_000)));

        List<Long> arrivals = new java.util.ArrayList<>();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        gateway.mutate()
                .responseTimeout(java.time.Duration.ofSeconds(30))
                .build()
                .get()
                .uri("/api/v1/me/export")
                .headers(h -> h.setBearerAuth(MemberTokens.token(member)))
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(org.springframework.core.io.buffer.DataBuffer.class)
                .getResponseBody()
                .doOnNext(buffer -> {
                    arrivals.add(System.nanoTime());
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    body.writeBytes(bytes);
                    org.springframework.core.io.buffer.DataBufferUtils.release(buffer);
                })
                .blockLast(java.time.Duration.ofSeconds(30));

        assertThat(java.time.Duration.ofNanos(arrivals.getLast() - arrivals.getFirst()))
                .as("the first bytes reach the member while contacts-service is still writing its part")
                .isGreaterThan(java.time.Duration.ofSeconds(2));
        JsonNode export = JSON.readTree(body.toByteArray());
        assertThat(export.path("member").path("id").asString()).isEqualTo(member);
        assertThat(export.path("contacts").path("contacts")).hasSize(2_000);
        assertThat(export.path("reminders").path("reminders").get(0).path("id").asString())
                .isEqualTo("r1");
        assertThat(export.path("content").path("plan").path("timeZone").asString())
                .isEqualTo("Europe/Madrid");
    }

    @Test
    void serviceFailingItsPartMakesTheWholeExport503WithoutAnyPartialData() {
        Backends.content().resetAll();
        Backends.content()
                .stubFor(get(urlPathEqualTo("/api/v1/me/export"))
                        .willReturn(aResponse().withStatus(500).withBody("{\"boom\":true}")));

        gateway.get()
                .uri("/api/v1/me/export")
                .headers(h -> h.setBearerAuth(MemberTokens.token(member)))
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .exists(HttpHeaders.RETRY_AFTER)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(503)
                .jsonPath("$.detail")
                .value(detail -> assertThat(detail.toString()).contains("content-service"))
                .jsonPath("$.contacts")
                .doesNotExist();
    }

    @Test
    void serviceDownMakesTheExport503() {
        Backends.stopReminders();
        try {
            gateway.get()
                    .uri("/api/v1/me/export")
                    .headers(h -> h.setBearerAuth(MemberTokens.token(member)))
                    .exchange()
                    .expectStatus()
                    .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                    .expectBody()
                    .jsonPath("$.detail")
                    .value(detail -> assertThat(detail.toString()).contains("reminders-service is unavailable"));
        } finally {
            stubExport(Backends.restartReminders(), "{\"reminders\":[]}");
        }
    }

    @Test
    void exportNeedsReadAccessToEveryArea() {
        gateway.get()
                .uri("/api/v1/me/export")
                .headers(h -> h.setBearerAuth(MemberTokens.tokenWithScope(member, "contacts:write reminders:read")))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .value(
                        HttpHeaders.WWW_AUTHENTICATE,
                        challenge -> assertThat(challenge)
                                .contains("insufficient_scope")
                                .contains("content:read"));

        assertThat(Backends.contacts().findAll(anyRequestedFor(urlPathEqualTo("/api/v1/me/export"))))
                .isEmpty();
    }

    @Test
    void exportWithoutCredentialsIs401() {
        gateway.get().uri("/api/v1/me/export").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void erasureAndItsStatusAreRoutedToContactsServiceWithTheMembersIdentity() {
        Backends.contacts()
                .stubFor(any(urlPathMatching("/api/v1/me(/erasure/.*)?"))
                        .willReturn(aResponse()
                                .withStatus(202)
                                .withHeader("Content-Type", "application/json")
                                .withBody("{\"erasureId\":\"e1\",\"status\":\"in-progress\"}")));
        String token = MemberTokens.token(member);

        gateway.delete()
                .uri("/api/v1/me")
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.ACCEPTED);
        gateway.get()
                .uri("/api/v1/me/erasure/e1")
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.ACCEPTED);

        LoggedRequest erasure = Backends.contacts()
                .findAll(anyRequestedFor(urlPathEqualTo("/api/v1/me")))
                .getFirst();
        assertThat(erasure.getMethod().value()).isEqualTo("DELETE");
        assertThat(IdentityAssertion.verify(
                                erasure.getHeader(IdentityAssertion.HEADER),
                                "DELETE",
                                "/api/v1/me",
                                identitySecret(),
                                Clock.systemUTC())
                        .orElseThrow()
                        .memberId())
                .isEqualTo(member);
        assertThat(Backends.contacts().findAll(anyRequestedFor(urlPathEqualTo("/api/v1/me/erasure/e1"))))
                .hasSize(1);
    }

    @Test
    void erasureDeletesEveryApiKeyOfTheMemberFirstAndTheErasureStatusReportsIt() {
        Backends.contacts()
                .stubFor(any(urlPathMatching("/api/v1/(contacts|goals).*"))
                        .willReturn(aResponse().withStatus(200)));
        Backends.contacts()
                .stubFor(any(urlPathMatching("/api/v1/me(/erasure/.*)?"))
                        .willReturn(aResponse()
                                .withStatus(202)
                                .withHeader("Content-Type", "application/json")
                                .withBody("{\"id\":\"e1\",\"status\":\"pending\",\"services\":"
                                        + "{\"contacts\":{\"status\":\"pending\",\"erasedAt\":null}}}")));
        String token = MemberTokens.token(member);
        String key = createKey(token);
        String bystander = MemberTokens.newMember();
        String bystandersKey = createKey(MemberTokens.token(bystander));
        gateway.get()
                .uri("/api/v1/goals")
                .headers(h -> h.setBearerAuth(key))
                .exchange()
                .expectStatus()
                .isOk();

        gateway.delete()
                .uri("/api/v1/me")
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.ACCEPTED)
                .expectBody()
                .jsonPath("$.services.contacts.status")
                .isEqualTo("pending")
                .jsonPath("$.services['api-keys'].status")
                .isEqualTo("erased");

        gateway.get()
                .uri("/api/v1/me/erasure/e1")
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectBody()
                .jsonPath("$.services['api-keys'].status")
                .isEqualTo("erased")
                .jsonPath("$.services['api-keys'].erasedAt")
                .value(at -> assertThat(Instant.parse(at.toString()))
                        .isBefore(Instant.now().plusSeconds(1)));
        gateway.get()
                .uri("/api/v1/goals")
                .headers(h -> h.setBearerAuth(key))
                .exchange()
                .expectStatus()
                .isUnauthorized();
        gateway.get()
                .uri("/api/v1/me/api-keys")
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectBody()
                .jsonPath("$.items")
                .isEmpty();
        // Nobody else's keys.
        gateway.get()
                .uri("/api/v1/goals")
                .headers(h -> h.setBearerAuth(bystandersKey))
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void erasureStatusOfAMemberWhoseKeysWereNotErasedSaysPending() {
        Backends.contacts()
                .stubFor(get(urlPathEqualTo("/api/v1/me/erasure/e2"))
                        .willReturn(aResponse()
                                .withStatus(200)
                                .withHeader("Content-Type", "application/json")
                                .withBody("{\"id\":\"e2\",\"status\":\"pending\",\"services\":{}}")));

        gateway.get()
                .uri("/api/v1/me/erasure/e2")
                .headers(h -> h.setBearerAuth(MemberTokens.token(member)))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.services['api-keys'].status")
                .isEqualTo("pending");
    }

    private String createKey(String token) {
        return JSON.readTree(gateway.post()
                        .uri("/api/v1/me/api-keys")
                        .headers(h -> h.setBearerAuth(token))
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("name", "sync", "scopes", List.of("contacts:read")))
                        .exchange()
                        .expectStatus()
                        .isCreated()
                        .expectBody()
                        .returnResult()
                        .getResponseBody())
                .path("key")
                .asString();
    }

    @Test
    void erasureNeedsContactsWriteAndTheMembersOwnTokenNeverAnApiKey() {
        gateway.delete()
                .uri("/api/v1/me")
                .headers(h -> h.setBearerAuth(MemberTokens.tokenWithScope(member, "contacts:read content:write")))
                .exchange()
                .expectStatus()
                .isForbidden();

        String key = JSON.readTree(gateway.post()
                        .uri("/api/v1/me/api-keys")
                        .headers(h -> h.setBearerAuth(MemberTokens.token(member)))
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("name", "everything", "scopes", List.of("contacts:write")))
                        .exchange()
                        .expectStatus()
                        .isCreated()
                        .expectBody()
                        .returnResult()
                        .getResponseBody())
                .path("key")
                .asString();
        gateway.delete()
                .uri("/api/v1/me")
                .headers(h -> h.setBearerAuth(key))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);

        assertThat(Backends.contacts().findAll(anyRequestedFor(urlPathEqualTo("/api/v1/me"))))
                .isEmpty();
    }

    @Test
    void onlyDeleteOfTheMemberIsRouted() {
        gateway.get()
                .uri("/api/v1/me")
                .headers(h -> h.setBearerAuth(MemberTokens.token(member)))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    private static void stubExport(WireMockServer service, String body) {
        service.resetAll();
        service.stubFor(get(urlPathEqualTo("/api/v1/me/export"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(body)));
    }
}
