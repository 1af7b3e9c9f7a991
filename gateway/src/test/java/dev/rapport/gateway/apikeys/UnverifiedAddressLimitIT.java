package dev.rapport.gateway.apikeys;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.rapport.gateway.apikeys.domain.ApiKeySecret;
import dev.rapport.gateway.support.Backends;
import dev.rapport.gateway.support.GatewayIntegrationTest;
import dev.rapport.gateway.support.MemberTokens;
import java.security.SecureRandom;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Requests the gateway cannot authenticate are limited per client address, and an address that spent its allowance
 * is refused before any credential is checked: no API-key lookup in the database.
 */
@TestPropertySource(
        properties = {"rapport.gateway.unverified-burst=5", "rapport.gateway.unverified-requests-per-second=0.01"})
class UnverifiedAddressLimitIT extends GatewayIntegrationTest {

    /** 5 + 0.01 × 60 s, rounded up. */
    private static final int ALLOWANCE = 6;

    private static final SecureRandom RANDOM = new SecureRandom();

    @MockitoSpyBean
    ApiKeyStore store;

    @Test
    void unknownApiKeysFromOneAddressAreRefusedWith429BeforeAnyLookupOnceTheAllowanceIsSpent() {
        Backends.contacts().resetAll();
        Backends.contacts()
                .stubFor(any(urlPathMatching("/api/v1/.*"))
                        .willReturn(aResponse().withStatus(200)));
        // A loopback address of its own, so that no other test's failures count.
        WebTestClient attacker = clientFrom(randomLoopback(), port);
        WebTestClient neighbour = clientFrom(randomLoopback(), port);

        for (int i = 0; i < ALLOWANCE; i++) {
            attempt(attacker, ApiKeySecret.generate(RANDOM).value())
                    .expectStatus()
                    .isUnauthorized();
        }
        verify(store, atLeast(ALLOWANCE)).findForAuthentication(anyString());
        clearInvocations(store);

        attempt(attacker, ApiKeySecret.generate(RANDOM).value())
                .expectStatus()
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .value(
                        HttpHeaders.RETRY_AFTER,
                        seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 60L))
                .expectBody()
                .jsonPath("$.detail")
                .value(detail -> assertThat(detail.toString()).contains("without valid credentials"));
        attacker.get().uri("/api/v1/contacts").exchange().expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        verify(store, never()).findForAuthentication(anyString());

        // Another address is not affected, and a member who authenticates costs no allowance.
        for (int i = 0; i < ALLOWANCE + 2; i++) {
            neighbour
                    .get()
                    .uri("/api/v1/contacts")
                    .headers(h -> h.setBearerAuth(MemberTokens.token(MemberTokens.newMember())))
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
        attempt(neighbour, ApiKeySecret.generate(RANDOM).value()).expectStatus().isUnauthorized();
    }

    private static WebTestClient.ResponseSpec attempt(WebTestClient client, String key) {
        return client.get()
                .uri("/api/v1/contacts")
                .headers(h -> h.setBearerAuth(key))
                .exchange();
    }

    private static String randomLoopback() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "127." + random.nextInt(1, 255) + "." + random.nextInt(0, 256) + "." + random.nextInt(2, 255);
    }
}
