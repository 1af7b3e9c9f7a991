package dev.rapport.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.gateway.support.Backends;
import dev.rapport.gateway.support.GatewayIntegrationTest;
import dev.rapport.gateway.support.MemberTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Request targets the services could not read are refused at the edge as problems (found by ./rapport faults:
 * before, Tomcat's HTML page, Spring Boot's JSON error, or Netty's and the firewall's empty answers came back).
 */
class RequestTargetIT extends GatewayIntegrationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void servicesAnswer() {
        Backends.contacts().resetAll();
        Backends.contacts()
                .stubFor(any(urlPathMatching("/api/v1/.*"))
                        .willReturn(aResponse().withStatus(200)));
    }

    @Test
    void unreadableOrRefusedTargetsAre4xxProblemsAndNeverReachTheService() throws Exception {
        String token = MemberTokens.token(MemberTokens.newMember());
        String[][] cases = {
            {"/api/v1/contacts/%ED%A0%80", "400"}, // a lone surrogate's bytes: not UTF-8
            {"/api/v1/contacts?q=%ff", "400"},
            {"/api/v1/contacts/a%2Fb", "400"}, // the firewall's refusals
            {"/api/v1/contacts/%00", "400"},
            {"/api/v1/contacts/" + "a".repeat(9_000), "414"},
        };
        for (String[] target : cases) {
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + target[0]))
                            .header("Authorization", "Bearer " + token)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(target[0]).isEqualTo(Integer.parseInt(target[1]));
            assertThat(answer.headers().firstValue("Content-Type"))
                    .as(target[0])
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(answer.body()).as(target[0]).contains("\"status\":" + target[1]);
        }
        assertThat(Backends.contacts().findAll(anyRequestedFor(urlPathMatching("/api/v1/.*"))))
                .isEmpty();
    }
}
