package dev.rapport.gateway.docs;

import dev.rapport.gateway.support.GatewayIntegrationTest;
import dev.rapport.testkit.PublishedOpenApi;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's own OpenAPI document (the API it answers itself: API keys, the export) is the one published in
 * docs/openapi/gateway.json ({@link PublishedOpenApi}), linted with the services' ones.
 */
class PublishedOpenApiIT extends GatewayIntegrationTest {

    @Test
    void theLiveDocumentIsTheCommittedOne() {
        byte[] live = gateway.get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBody();
        PublishedOpenApi.assertPublished(JsonMapper.builder().build().readTree(live), "gateway");
    }
}
