package dev.rapport.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.testkit.ApiClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@ContentIntegrationTest
class OpenApiIT {

    @LocalServerPort
    int port;

    @Test
    void everyContentEndpointIsDocumented() {
        var docs = ApiClient.anonymous("http://127.0.0.1:" + port).get("/v3/api-docs");

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("paths").propertyNames())
                .contains(
                        "/api/v1/content/plan",
                        "/api/v1/content/items",
                        "/api/v1/content/items/{id}",
                        "/api/v1/content/items/{id}/publish",
                        "/api/v1/content/items/{id}/schedule",
                        "/api/v1/content/calendar",
                        "/api/v1/content/calendar/next-slots",
                        "/api/v1/content/consistency",
                        "/api/v1/content/feeds",
                        "/api/v1/content/feeds/{id}",
                        "/api/v1/content/feeds/{id}/sync");
        assertThat(docs.json()
                        .get("paths")
                        .get("/api/v1/content/items/{id}")
                        .get("patch")
                        .get("description")
                        .asString())
                .contains("409");
    }
}
