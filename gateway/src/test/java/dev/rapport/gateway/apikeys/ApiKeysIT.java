package dev.rapport.gateway.apikeys;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.gateway.apikeys.domain.ApiKey;
import dev.rapport.gateway.apikeys.domain.ApiKeySecret;
import dev.rapport.gateway.support.Backends;
import dev.rapport.gateway.support.GatewayIntegrationTest;
import dev.rapport.gateway.support.MemberTokens;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** API keys: what a member can do with them, and what the gateway lets a key do. */
class ApiKeysIT extends GatewayIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    ApiKeyStore store;

    private final String member = MemberTokens.newMember();
    private final String memberToken = MemberTokens.token(member);

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
    void webhookSubscriptionsAreRoutedToRemindersAndTheSignedIdentityNamesTheApiKeyButNotForAMemberToken() {
        JsonNode created = create(memberToken, Map.of("name", "crm", "scopes", List.of("reminders:write")));
        String key = created.path("key").asString();

        gateway.post()
                .uri("/api/v1/webhooks")
                .headers(h -> h.setBearerAuth(key))
                .bodyValue(Map.of("url", "https://crm.example.org/hooks", "types", List.of("rapport.reminders.")))
                .exchange()
                .expectStatus()
                .isOk();
        gateway.get()
                .uri("/api/v1/webhooks")
                .headers(h -> h.setBearerAuth(memberToken))
                .exchange()
                .expectStatus()
                .isOk();

        List<LoggedRequest> received = Backends.reminders()
                .findAll(anyRequestedFor(urlPathEqualTo("/api/v1/webhooks"))
                        .withHeader(IdentityAssertion.HEADER, matching(".+")));
        assertThat(received).hasSize(2);
        IdentityAssertion byKey = IdentityAssertion.verify(
                        received.get(0).getHeader(IdentityAssertion.HEADER),
                        "POST",
                        "/api/v1/webhooks",
                        identitySecret(),
                        Clock.systemUTC())
                .orElseThrow();
        assertThat(byKey.apiKeyId()).isEqualTo(created.path("id").asString());
        assertThat(byKey.scopes()).containsExactly("reminders:write");
        IdentityAssertion byToken = IdentityAssertion.verify(
                        received.get(1).getHeader(IdentityAssertion.HEADER),
                        "GET",
                        "/api/v1/webhooks",
                        identitySecret(),
                        Clock.systemUTC())
                .orElseThrow();
        assertThat(byToken.memberId()).isEqualTo(member);
        assertThat(byToken.apiKeyId()).isNull();
    }

    @Test
    void createdKeyIsShownOnceAndReachesTheServiceAsItsMemberWithOnlyTheKeysScopes() {
        JsonNode created = create(memberToken, Map.of("name", "directory sync", "scopes", List.of("contacts:read")));
        String key = created.path("key").asString();
        assertThat(key).startsWith("rk_live_").isEqualTo(created.path("prefix").asString() + key.substring(28));
        assertThat(created.path("status").asString()).isEqualTo("active");
        assertThat(created.path("scopes").get(0).asString()).isEqualTo("contacts:read");

        gateway.get()
                .uri("/api/v1/contacts")
                .headers(h -> h.setBearerAuth(key))
                .exchange()
                .expectStatus()
                .isOk();

        LoggedRequest received = Backends.contacts()
                .findAll(anyRequestedFor(urlPathEqualTo("/api/v1/contacts"))
                        .withHeader(IdentityAssertion.HEADER, matching(".+")))
                .getFirst();
        IdentityAssertion identity = IdentityAssertion.verify(
                        received.getHeader(IdentityAssertion.HEADER),
                        "GET",
                        "/api/v1/contacts",
                        identitySecret(),
                        Clock.systemUTC())
                .orElseThrow();
        assertThat(identity.memberId()).isEqualTo(member);
        assertThat(identity.tenantId()).isEqualTo(MemberTokens.TENANT);
        assertThat(identity.scopes()).containsExactly("contacts:read");
        assertThat(received.containsHeader(HttpHeaders.AUTHORIZATION)).isFalse();

        JsonNode listed = list(memberToken).path("items");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("id").asString())
                .isEqualTo(created.path("id").asString());
        assertThat(listed.get(0).path("prefix").asString())
                .isEqualTo(created.path("prefix").asString());
        assertThat(listed.get(0).has("key")).isFalse();
        assertThat(listed.get(0).toString()).doesNotContain(key.substring(29)).doesNotContain("secretHash");
        assertThat(listed.get(0).path("lastUsedAt").isNull()).isFalse();
    }

    @Test
    void keyIsStoredOnlyAsTheHashOfItsSecret() {
        JsonNode created = create(memberToken, Map.of("name", "hash check", "scopes", List.of("content:read")));
        String key = created.path("key").asString();

        ApiKey stored =
                store.findForAuthentication(created.path("id").asString()).block();

        assertThat(stored).isNotNull();
        assertThat(stored.secretHash()).hasSize(64).isNotEqualTo(key).doesNotContain(key.substring(29));
        assertThat(ApiKeySecret.parse(key).orElseThrow().matches(stored.secretHash()))
                .isTrue();
    }

    @Test
    void keyOutsideItsScopesIsRefusedWith403AndNeverReachesTheService() {
        String key = create(memberToken, Map.of("name", "read contacts", "scopes", List.of("contacts:read")))
                .path("key")
                .asString();

        gateway.post()
                .uri("/api/v1/contacts")
                .headers(h -> h.setBearerAuth(key))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"firstName\":\"Ana\"}")
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
                                .contains("contacts:write"));
        gateway.get()
                .uri("/api/v1/content/plan")
                .headers(h -> h.setBearerAuth(key))
                .exchange()
                .expectStatus()
                .isForbidden();

        assertThat(Backends.contacts().findAll(anyRequestedFor(urlPathEqualTo("/api/v1/contacts"))))
                .isEmpty();
        assertThat(Backends.content().getAllServeEvents()).isEmpty();
    }

    @Test
    void revokedKeyIsRefusedWith401AtOnce() {
        JsonNode created = create(memberToken, Map.of("name", "to revoke", "scopes", List.of("reminders:write")));
        String key = created.path("key").asString();
        gateway.get()
                .uri("/api/v1/reminders")
                .headers(h -> h.setBearerAuth(key))
                .exchange()
                .expectStatus()
                .isOk();

        revoke(memberToken, created.path("id").asString()).expectStatus().isNoContent();

        expectRefusedKey(key, "revoked");
        assertThat(list(memberToken).path("items").get(0).path("status").asString())
                .isEqualTo("revoked");
        // Revoking twice changes nothing and is not an error.
        revoke(memberToken, created.path("id").asString()).expectStatus().isNoContent();
    }

    @Test
    void keyCreatedWithoutAnExpiryExpiresAfterTheDefaultLifetimeOf90Days() {
        JsonNode created = create(memberToken, Map.of("name", "no expiry asked", "scopes", List.of("contacts:read")));

        Instant expiresAt = Instant.parse(created.path("expiresAt").asString());
        assertThat(expiresAt)
                .isBetween(
                        Instant.now().plus(Duration.ofDays(90)).minus(Duration.ofMinutes(5)),
                        Instant.now().plus(Duration.ofDays(90)));
        assertThat(list(memberToken).path("items").get(0).path("expiresAt").asString())
                .isEqualTo(created.path("expiresAt").asString());
    }

    @Test
    void keyStoredWithoutAnExpiryBeforeKeysHadALifetimeExpiresThatLongAfterItsCreation() {
        ApiKeySecret secret = ApiKeySecret.generate(new SecureRandom());
        Instant now = Instant.now();
        store.insert(new ApiKey(
                        secret.keyId(),
                        MemberTokens.TENANT,
                        member,
                        "from before lifetimes",
                        Set.of("contacts:read"),
                        secret.secretHash(),
                        now.minus(Duration.ofDays(91)),
                        null,
                        null,
                        null))
                .block();

        expectRefusedKey(secret.value(), "expired");
    }

    @Test
    void renewingAKeyExtendsItByTheDefaultLifetimeOrToTheDateAskedAndRevivesAnExpiredKey() {
        ApiKeySecret secret = ApiKeySecret.generate(new SecureRandom());
        Instant now = Instant.now();
        store.insert(new ApiKey(
                        secret.keyId(),
                        MemberTokens.TENANT,
                        member,
                        "expired yesterday",
                        Set.of("contacts:read"),
                        secret.secretHash(),
                        now.minus(Duration.ofDays(31)),
                        now.minus(Duration.ofDays(1)),
                        null,
                        null))
                .block();
        expectRefusedKey(secret.value(), "expired");

        JsonNode renewed = JSON.readTree(renew(memberToken, secret.keyId(), null)
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBody());
        assertThat(renewed.path("status").asString()).isEqualTo("active");
        assertThat(Instant.parse(renewed.path("expiresAt").asString()))
                .isAfter(Instant.now().plus(Duration.ofDays(89)));
        gateway.get()
                .uri("/api/v1/contacts")
                .headers(h -> h.setBearerAuth(secret.value()))
                .exchange()
                .expectStatus()
                .isOk();

        Instant asked = Instant.now().plus(Duration.ofDays(200)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        renew(memberToken, secret.keyId(), Map.of("expiresAt", asked.toString()))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.expiresAt")
                .value(value -> assertThat(Instant.parse(value.toString())).isEqualTo(asked));
        renew(
                        memberToken,
                        secret.keyId(),
                        Map.of(
                                "expiresAt",
                                Instant.now().plus(Duration.ofDays(400)).toString()))
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aRevokedKeyCannotBeRenewedNorAnotherMembersNorWithAnApiKey() {
        JsonNode created = create(memberToken, Map.of("name", "soon revoked", "scopes", List.of("contacts:read")));
        String id = created.path("id").asString();

        renew(MemberTokens.token(MemberTokens.newMember()), id, null)
                .expectStatus()
                .isNotFound();
        renew(created.path("key").asString(), id, null).expectStatus().isForbidden();
        revoke(memberToken, id).expectStatus().isNoContent();
        renew(memberToken, id, null)
                .expectStatus()
                .isEqualTo(HttpStatus.CONFLICT)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        expectRefusedKey(created.path("key").asString(), "revoked");
    }

    @Test
    void expiredKeyIsRefusedWith401() {
        ApiKeySecret secret = ApiKeySecret.generate(new SecureRandom());
        Instant now = Instant.now();
        store.insert(new ApiKey(
                        secret.keyId(),
                        MemberTokens.TENANT,
                        member,
                        "expired yesterday",
                        Set.of("contacts:read"),
                        secret.secretHash(),
                        now.minus(Duration.ofDays(31)),
                        now.minus(Duration.ofDays(1)),
                        null,
                        null))
                .block();

        expectRefusedKey(secret.value(), "expired");
        assertThat(list(memberToken).path("items").get(0).path("status").asString())
                .isEqualTo("expired");
    }

    @Test
    void unknownMalformedAndWrongSecretKeysAreRefusedWith401() {
        String key = create(memberToken, Map.of("name", "real", "scopes", List.of("contacts:read")))
                .path("key")
                .asString();
        ApiKeySecret real = ApiKeySecret.parse(key).orElseThrow();
        String wrongSecret = new ApiKeySecret(
                        real.keyId(), ApiKeySecret.generate(new SecureRandom()).secret())
                .value();

        expectRefusedKey(wrongSecret, "unknown");
        expectRefusedKey(ApiKeySecret.generate(new SecureRandom()).value(), "unknown");
        expectRefusedKey("rk_live_not-a-key", "malformed");
        assertThat(Backends.contacts().getAllServeEvents()).isEmpty();
    }

    @Test
    void anotherMembersKeyCannotBeRevokedAndAnswers404() {
        JsonNode alices = create(memberToken, Map.of("name", "alice's", "scopes", List.of("contacts:read")));
        String mallory = MemberTokens.token(MemberTokens.newMember());

        revoke(mallory, alices.path("id").asString())
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);

        assertThat(list(mallory).path("items")).isEmpty();
        gateway.get()
                .uri("/api/v1/contacts")
                .headers(h -> h.setBearerAuth(alices.path("key").asString()))
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void keyCannotListCreateOrRevokeKeys() {
        JsonNode created = create(memberToken, Map.of("name", "all", "scopes", List.of("contacts:write")));
        String key = created.path("key").asString();

        gateway.post()
                .uri("/api/v1/me/api-keys")
                .headers(h -> h.setBearerAuth(key))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "successor", "scopes", List.of("contacts:read")))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        gateway.get()
                .uri("/api/v1/me/api-keys")
                .headers(h -> h.setBearerAuth(key))
                .exchange()
                .expectStatus()
                .isForbidden();
        revoke(key, created.path("id").asString()).expectStatus().isForbidden();

        assertThat(list(memberToken).path("items")).hasSize(1);
    }

    @Test
    void keyManagementWithoutCredentialsIs401() {
        gateway.get()
                .uri("/api/v1/me/api-keys")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void invalidRequestIs400WithTheFieldsAndCreatesNothing() {
        String readOnly = MemberTokens.tokenWithScope(member, "contacts:read");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", " ");
        body.put("scopes", List.of("contacts:write", "admin:all"));
        body.put("expiresAt", Instant.now().minusSeconds(60).toString());

        gateway.post()
                .uri("/api/v1/me/api-keys")
                .headers(h -> h.setBearerAuth(readOnly))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[*].field")
                .value(fields -> assertThat(fields.toString())
                        .contains("name")
                        .contains("scopes[0]")
                        .contains("scopes[1]")
                        .contains("expiresAt"))
                .jsonPath("$.errors[0].message")
                .isNotEmpty();

        assertThat(list(memberToken).path("items")).isEmpty();
    }

    @Test
    void ownerIdAndDatesSentByTheClientAreIgnored() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "mass assignment");
        body.put("scopes", List.of("contacts:read"));
        body.put("id", "0123456789abcdef0123");
        body.put("memberId", "someone-else");
        body.put("tenantId", "other-tenant");
        body.put("createdAt", "2001-01-01T00:00:00Z");
        body.put("revokedAt", "2001-01-01T00:00:00Z");
        body.put("secretHash", "00");
        body.put("key", "rk_live_0123456789abcdef0123_chosen");

        JsonNode created = create(memberToken, body);

        assertThat(created.path("id").asString()).isNotEqualTo("0123456789abcdef0123");
        assertThat(created.path("status").asString()).isEqualTo("active");
        assertThat(Instant.parse(created.path("createdAt").asString()))
                .isAfter(Instant.now().minusSeconds(60));
        ApiKey stored =
                store.findForAuthentication(created.path("id").asString()).block();
        assertThat(stored).isNotNull();
        assertThat(stored.memberId()).isEqualTo(member);
        assertThat(stored.tenantId()).isEqualTo(MemberTokens.TENANT);
        assertThat(stored.revokedAt()).isNull();
        assertThat(stored.secretHash()).isNotEqualTo("00");
    }

    @Test
    void eachKeyHasItsOwnRateLimitApartFromItsMember() {
        String key = create(memberToken, Map.of("name", "busy", "scopes", List.of("contacts:read")))
                .path("key")
                .asString();

        List<Integer> statuses = reactor.core.publisher.Flux.range(0, 120)
                .flatMap(
                        i -> org.springframework.web.reactive.function.client.WebClient.create(
                                        "http://127.0.0.1:" + port)
                                .get()
                                .uri("/api/v1/network/health")
                                .headers(h -> h.setBearerAuth(key))
                                .exchangeToMono(response -> reactor.core.publisher.Mono.just(
                                        response.statusCode().value())),
                        50)
                .collectList()
                .block(Duration.ofSeconds(60));

        assertThat(statuses).containsOnly(200, 429).contains(429);
        gateway.get()
                .uri("/api/v1/network/health")
                .headers(h -> h.setBearerAuth(memberToken))
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void keyEndpointsAppearInTheGatewaysOpenApiDocument() {
        gateway.get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.paths['/api/v1/me/api-keys'].post")
                .exists()
                .jsonPath("$.paths['/api/v1/me/api-keys'].get")
                .exists()
                .jsonPath("$.paths['/api/v1/me/api-keys/{id}'].delete")
                .exists()
                .jsonPath("$.paths['/api/v1/me/export'].get")
                .exists()
                .jsonPath("$.components.securitySchemes.bearerAuth.scheme")
                .isEqualTo("bearer");
    }

    private void expectRefusedKey(String key, String reason) {
        gateway.get()
                .uri("/api/v1/contacts")
                .headers(h -> h.setBearerAuth(key))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .value(
                        HttpHeaders.WWW_AUTHENTICATE,
                        challenge -> assertThat(challenge)
                                .contains("error=\"invalid_token\"")
                                .contains(reason))
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(401);
    }

    private JsonNode create(String token, Map<String, Object> body) {
        byte[] answer = gateway.post()
                .uri("/api/v1/me/api-keys")
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.CREATED)
                .expectHeader()
                .value(HttpHeaders.LOCATION, location -> assertThat(location).startsWith("/api/v1/me/api-keys/"))
                .expectBody()
                .returnResult()
                .getResponseBody();
        return JSON.readTree(answer);
    }

    private JsonNode list(String token) {
        byte[] answer = gateway.get()
                .uri("/api/v1/me/api-keys")
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBody();
        return JSON.readTree(answer);
    }

    private WebTestClient.ResponseSpec renew(String token, String id, Map<String, Object> body) {
        WebTestClient.RequestBodySpec request =
                gateway.post().uri("/api/v1/me/api-keys/{id}/renewal", id).headers(h -> h.setBearerAuth(token));
        return body == null
                ? request.exchange()
                : request.contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(body)
                        .exchange();
    }

    private WebTestClient.ResponseSpec revoke(String token, String id) {
        return gateway.delete()
                .uri("/api/v1/me/api-keys/{id}", id)
                .headers(h -> h.setBearerAuth(token))
                .exchange();
    }
}
