package dev.rapport.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.testkit.ApiClient;
import dev.rapport.testkit.PublishedOpenApi;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The service's OpenAPI document is the one published in docs/openapi/content.json ({@link PublishedOpenApi}). */
@ContentIntegrationTest
class PublishedOpenApiIT {

    @LocalServerPort
    int port;

    @Test
    void theLiveDocumentIsTheCommittedOne() {
        var answer = ApiClient.anonymous("http://127.0.0.1:" + port).get("/v3/api-docs");
        assertThat(answer.status()).isEqualTo(200);
        PublishedOpenApi.assertPublished(answer.json(), "content");
    }
}
