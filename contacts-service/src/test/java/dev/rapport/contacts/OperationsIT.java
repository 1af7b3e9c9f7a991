package dev.rapport.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.testkit.ApiClient;
import dev.rapport.testkit.RapportIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What operators get: probes and metrics on the management port, and nothing more. */
@RapportIntegrationTest
class OperationsIT {

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Test
    void livenessReadinessAndPrometheusAreOnTheManagementPort() {
        ApiClient management = ApiClient.anonymous("http://127.0.0.1:" + managementPort);
        assertThat(management.get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(management
                        .get("/actuator/health/readiness")
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("UP");
        var prometheus = management.get("/actuator/prometheus");
        assertThat(prometheus.status()).isEqualTo(200);
        assertThat(prometheus.raw().body()).contains("jvm_memory_used_bytes", "application=\"contacts-service\"");
    }

    @Test
    void onlyTheEndpointsOperatorsNeedAreExposed() {
        ApiClient management = ApiClient.anonymous("http://127.0.0.1:" + managementPort);
        for (String hidden :
                new String[] {"env", "beans", "configprops", "heapdump", "threaddump", "loggers", "mappings"}) {
            assertThat(management.get("/actuator/" + hidden).status())
                    .as(hidden)
                    .isEqualTo(404);
        }
        assertThat(ApiClient.anonymous("http://127.0.0.1:" + port)
                        .get("/actuator/health")
                        .status())
                .as("the public port serves no actuator")
                .isIn(401, 404);
    }

    @Test
    void theMainPortAnswersTheInstancesReadinessForTheGatewaysBalancerWithItsStatusOnly() {
        var readyz = ApiClient.anonymous("http://127.0.0.1:" + port).get("/readyz");
        assertThat(readyz.status()).isEqualTo(200);
        assertThat(readyz.json().get("status").asString()).isEqualTo("UP");
        assertThat(readyz.json().propertyNames())
                .as("no details, no components")
                .containsExactly("status");
        assertThat(ApiClient.anonymous("http://127.0.0.1:" + port).get("/livez").status())
                .as("only readiness is on the main port")
                .isIn(401, 404);
    }

    @Test
    void everyResponseCarriesTheRequestIdGivenOrANewOne() {
        ApiClient api = ApiClient.asMember(port, "ops-member");
        assertThat(api.header("X-Request-Id", "abc-123").get("/api/v1/contacts").header("X-Request-Id"))
                .isEqualTo("abc-123");
        assertThat(api.header("X-Request-Id", "bad id with spaces{}")
                        .get("/api/v1/contacts")
                        .header("X-Request-Id"))
                .isNotBlank()
                .isNotEqualTo("bad id with spaces{}");
    }

    @Test
    void theOpenApiDocumentDescribesTheContactsApi() {
        var doc = ApiClient.anonymous("http://127.0.0.1:" + port).get("/v3/api-docs");
        assertThat(doc.status()).isEqualTo(200);
        var paths = doc.json().get("paths");
        for (String path : java.util.List.of(
                "/api/v1/contacts",
                "/api/v1/contacts/{id}",
                "/api/v1/contacts/{id}/restore",
                "/api/v1/contacts/{id}/milestones",
                "/api/v1/contacts/{id}/interactions",
                "/api/v1/contacts/{id}/health",
                "/api/v1/interactions",
                "/api/v1/interactions/{id}",
                "/api/v1/interactions/{id}/promises/{promiseId}",
                "/api/v1/goals",
                "/api/v1/goals/{id}",
                "/api/v1/goals/{id}/network",
                "/api/v1/groups",
                "/api/v1/groups/{id}",
                "/api/v1/groups/{id}/participations",
                "/api/v1/network/health",
                "/api/v1/network/cadences")) {
            assertThat(paths.has(path)).as(path).isTrue();
        }
        var patch = paths.get("/api/v1/contacts/{id}").get("patch");
        assertThat(patch.get("summary").asString()).contains("merge patch");
        assertThat(patch.get("description").asString()).contains("If-Match", "412");
    }
}
