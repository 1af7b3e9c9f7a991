package dev.rapport.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.gateway.support.Backends;
import dev.rapport.gateway.support.GatewayIntegrationTest;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Actuator, API documentation and browser access: what operators and portal developers rely on. */
class OperationsIT extends GatewayIntegrationTest {

    @Test
    void actuatorIsNotReachableOnThePublicPort() {
        for (String path :
                new String[] {"/actuator", "/actuator/health", "/actuator/gateway/routes", "/actuator/env"}) {
            gateway.get().uri(path).exchange().expectStatus().isUnauthorized();
        }
    }

    @Test
    void theServicesReadinessForTheBalancerIsNoRouteOfTheGateway() {
        String token =
                dev.rapport.gateway.support.MemberTokens.token(dev.rapport.gateway.support.MemberTokens.newMember());
        for (String path : new String[] {"/readyz", "/livez"}) {
            gateway.get().uri(path).exchange().expectStatus().isUnauthorized();
            gateway.get()
                    .uri(path)
                    .headers(h -> h.setBearerAuth(token))
                    .exchange()
                    .expectStatus()
                    .isForbidden();
        }
        assertThat(Backends.contacts().findAll(anyRequestedFor(urlPathEqualTo("/readyz"))))
                .isEmpty();
    }

    @Test
    void healthIsUpWithProbesOnTheManagementPort() {
        WebTestClient management = client(managementPort);

        management
                .get()
                .uri("/actuator/health")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
        management
                .get()
                .uri("/actuator/health/liveness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
        management
                .get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP")
                // Not ready without the API-key store.
                .jsonPath("$.components.mongoStore.status")
                .isEqualTo("UP")
                .jsonPath("$.components.mongoStore.details.database")
                .isEqualTo("rapport-gateway");
        // Circuit breakers are created on a route's first call: make one, whichever tests ran before.
        gateway.get().uri("/v3/api-docs/content").exchange();
        management
                .get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(metrics -> assertThat(metrics).contains("resilience4j_circuitbreaker_state"));
    }

    @Test
    void managementPortServesNoRouteManagementOrOtherEndpoints() {
        WebTestClient management = client(managementPort);
        for (String path :
                new String[] {"/actuator/gateway/routes", "/actuator/gateway", "/actuator/env", "/actuator/configprops"
                }) {
            management
                    .get()
                    .uri(path)
                    .exchange()
                    .expectStatus()
                    .value(status -> assertThat(status).as(path).isIn(401, 404));
        }
    }

    @Test
    void serviceApiDocumentIsServedWithoutAuthenticationAsPublishedByTheGateway() {
        Backends.reminders().resetAll();
        Backends.reminders()
                .stubFor(get(urlPathEqualTo("/v3/api-docs"))
                        .willReturn(aResponse()
                                .withStatus(200)
                                .withHeader("Content-Type", "application/json")
                                .withBody("{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"reminders\"},"
                                        + "\"servers\":[{\"url\":\"http://127.0.0.1:8082\"}],\"paths\":{}}")));

        gateway.get()
                .uri("/v3/api-docs/reminders")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.info.title")
                .isEqualTo("reminders")
                // Swagger UI's "Try it out" and Authorize go through the gateway with a bearer credential.
                .jsonPath("$.servers[0].url")
                .isEqualTo("/")
                .jsonPath("$.components.securitySchemes.bearerAuth.scheme")
                .isEqualTo("bearer")
                .jsonPath("$.security[0].bearerAuth")
                .exists();

        assertThat(Backends.reminders().findAll(anyRequestedFor(urlPathEqualTo("/v3/api-docs"))))
                .hasSize(1);
    }

    @Test
    void swaggerUiListsTheThreeServiceDocumentsAndTheGatewaysOwn() {
        gateway.get()
                .uri("/v3/api-docs/swagger-config")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.urls[*].name")
                .value(names -> assertThat(names)
                        .asInstanceOf(InstanceOfAssertFactories.LIST)
                        .containsExactlyInAnyOrder("gateway", "contacts", "reminders", "content"))
                .jsonPath("$.urls[*].url")
                .value(urls -> assertThat(urls)
                        .asInstanceOf(InstanceOfAssertFactories.LIST)
                        .containsExactlyInAnyOrder(
                                "/v3/api-docs",
                                "/v3/api-docs/contacts",
                                "/v3/api-docs/reminders",
                                "/v3/api-docs/content"));
        gateway.get()
                .uri("/swagger-ui.html")
                .exchange()
                .expectStatus()
                .value(status ->
                        assertThat(HttpStatus.valueOf(status).isError()).isFalse());
        gateway.get()
                .uri("/webjars/swagger-ui/index.html")
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void portalOriginMayCallTheApiFromABrowser() {
        gateway.method(HttpMethod.OPTIONS)
                .uri("/api/v1/contacts")
                .header(HttpHeaders.ORIGIN, "http://localhost:3000")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,content-type")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "http://localhost:3000");

        gateway.method(HttpMethod.OPTIONS)
                .uri("/api/v1/contacts")
                .header(HttpHeaders.ORIGIN, "https://evil.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);

        gateway.get()
                .uri("/api/v1/contacts")
                .header(HttpHeaders.ORIGIN, "http://localhost:3000")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "http://localhost:3000")
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
