package dev.rapport.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.rapport.gateway.support.Backends;
import dev.rapport.gateway.support.GatewayIntegrationTest;
import dev.rapport.gateway.support.MemberTokens;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * A client's {@code Expect: 100-continue} is answered by the gateway and not passed on: passed on, a service that
 * answered before reading a large body made Tomcat close the connection while the gateway was still sending it, and
 * the gateway reported the service as unavailable (found by ./rapport faults' hostile input).
 */
class HopByHopHeadersIT extends GatewayIntegrationTest {

    @Test
    void expectIsNotPassedOnToTheService() {
        Backends.contacts().resetAll();
        Backends.contacts()
                .stubFor(post(urlPathEqualTo("/api/v1/contacts"))
                        .willReturn(aResponse()
                                .withStatus(201)
                                .withHeader("Content-Type", "application/json")
                                .withBody("{\"id\":\"c1\"}")));

        gateway.post()
                .uri("/api/v1/contacts")
                .headers(h -> {
                    h.setBearerAuth(MemberTokens.token(MemberTokens.newMember()));
                    h.set("Expect", "100-continue");
                })
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"firstName\":\"Ana\"}")
                .exchange()
                .expectStatus()
                .isCreated();

        List<LoggedRequest> forwarded =
                Backends.contacts().findAll(postRequestedFor(urlPathEqualTo("/api/v1/contacts")));
        assertThat(forwarded).hasSize(1);
        assertThat(forwarded.getFirst().containsHeader("Expect")).isFalse();
        assertThat(forwarded.getFirst().getBodyAsString()).isEqualTo("{\"firstName\":\"Ana\"}");
    }
}
