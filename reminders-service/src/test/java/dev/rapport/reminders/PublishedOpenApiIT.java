package dev.rapport.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.reminders.support.RemindersIntegrationTest;
import dev.rapport.testkit.ApiClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service's OpenAPI document is published in docs/openapi/reminders.json (linted in the build, read by API
 * consumers and client generators): a change of the live document fails here until the committed one is
 * regenerated on purpose ({@code -Drapport.openapi.write=true}) and reviewed with the change.
 */
@RemindersIntegrationTest
class PublishedOpenApiIT {

    static final Path PUBLISHED = Path.of("..", "docs", "openapi", "reminders.json");
    static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @LocalServerPort
    int port;

    @Test
    void theLiveDocumentIsTheCommittedOne() throws IOException {
        var answer = ApiClient.anonymous("http://127.0.0.1:" + port).get("/v3/api-docs");
        assertThat(answer.status()).isEqualTo(200);
        // The server is where this test's instance happens to listen: published, it is the gateway (ApiDocuments).
        ((tools.jackson.databind.node.ObjectNode) answer.json())
                .putArray("servers")
                .addObject()
                .put("url", "/")
                .put("description", "The Rapport gateway");
        String live = JSON.writeValueAsString(answer.json()) + "\n";
        if (Boolean.getBoolean("rapport.openapi.write")) {
            Files.writeString(PUBLISHED, live, StandardCharsets.UTF_8);
        }
        JsonNode committed = JSON.readTree(Files.readString(PUBLISHED, StandardCharsets.UTF_8));
        assertThat(answer.json())
                .as("docs/openapi/reminders.json differs from the live document: if the change is intended,"
                        + " regenerate it with -Drapport.openapi.write=true and commit it")
                .isEqualTo(committed);
    }
}
